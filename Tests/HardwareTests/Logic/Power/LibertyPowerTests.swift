import Foundation
import Testing
@testable import Hardware

@Suite struct LibertyPowerTests {
  @Test func energyOfOneTransitionByHand() throws {
    let chain = NLDMTimingTests.chain(try NLDMTimingTests.tiny())
    let report = try chain.switching(["a": [0, 1]], counting: .inertial)
    #expect(report.toggles[2] == 1 && report.toggles[3] == 1 && report.toggles[4] == 1)
    // Switching: a and the inner net each carry one inverter pin (10 fF), y nothing:
    // 2 * 10 fF * 1.8^2 / 2 = 32.4 fJ.
    #expect(abs(report.switchingEnergyPerTransition() - 32.4e-15) < 1e-20)
    // Internal: the first inverter at slew 0.1 ns, load 10 fF: (0.01 + 0.02) / 2 pJ; the
    // second at its input's mean slew (0.1 + 0.08) / 2 = 0.09 ns, load 0: both tables fall
    // by 0.02 * 0.01 / 0.9 pJ.
    let second = 0.015 - 0.02 * 0.01 / 0.9
    #expect(abs(report.internalEnergyPerTransition - (0.015 + second) * 1e-12) < 1e-20)
    #expect(abs(report.energyPerTransition() - (32.4e-15 + (0.015 + second) * 1e-12)) < 1e-20)
    // Both parts scale as V^2.
    #expect(abs(report.energyPerTransition(voltage: 0.9) - report.energyPerTransition() / 4) < 1e-20)
  }

  @Test func leakageIsTheCellsOwn() throws {
    let library = try NLDMTimingTests.tiny()
    let chain = NLDMTimingTests.chain(library)
    #expect(abs(chain.leakagePower() - 1e-9) < 1e-21)
    #expect(chain.leakagePower(voltage: 1.2) < 1e-9)
    let scaling = VoltageScaling(library: library)
    #expect(scaling.delayScale(at: library.nominalVoltage) == 1)
    #expect(scaling.delayScale(at: 1.2) > 1)
  }

  @Test(.requires("qflow-tech-osu018 (make test installs it)", LibertyFiles.osu018Available))
  func glitchesAddEnergyOnOSU018() throws {
    let library = try CellLibrary.named("osu018")
    let netlist = try Generators.mac(MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10))
      .technologyMapped(to: library)
    var random = TestRandom(seed: 3)
    let activations = random.ints(400, in: -8...7)
    let zero = try MACPowerTable.characterize(netlist, configuration: MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10),
                                              weights: [-7, 3, 5], activations: activations, counting: .zeroDelay)
    let glitches = try MACPowerTable.characterize(netlist, configuration: MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10),
                                                  weights: [-7, 3, 5], activations: activations, counting: .inertial)
    for (a, b) in zip(zero.entries, glitches.entries) {
      #expect(b.energyPerOperation >= a.energyPerOperation)
      #expect(b.energyPerOperation > 0 && b.energyPerOperation < 10e-12, "a 4-bit MAC in 0.18 um takes picojoules at most")
      #expect(b.worstSettleTime > 0 && b.worstSettleTime < 10e-9)
    }
    #expect(glitches.leakagePower > 0)
  }
}
