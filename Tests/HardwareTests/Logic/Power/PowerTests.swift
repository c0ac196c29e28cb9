import Testing
@testable import Hardware

@Suite struct PowerTests {
  let library = CellLibrary.cmos45nm

  @Test func singleInverterEnergyByHand() throws {
    var g = AIG()
    g.addOutputPort("y", [!g.addInputPort("a", width: 1, signed: false)[0]], signed: false)
    let netlist = g.mapped(to: library)
    #expect(netlist.instances.count == 1)
    // Input net: inverter pin 1 + wire 0.5; output net: load 4 + diffusion 1. A full cycle
    // (two transitions) switches every net twice: E = (1.5 + 5) C V^2 per cycle.
    let report = try netlist.switching(["a": [0, 1, 0, 1, 0]], counting: .inertial)
    let v = library.nominalVoltage
    let perCycle = 6.5 * library.unitCapacitance * v * v
    #expect(report.transitions == 4)
    #expect(abs(report.energyPerTransition() * 2 - perCycle) < 1e-24)
    #expect(abs(report.energyPerTransition(voltage: v / 2) - report.energyPerTransition() / 4) < 1e-24)
  }

  @Test func glitchCountingAddsToZeroDelayToggles() throws {
    let netlist = try Generators.multiplier(activationBits: 6, weightBits: 6).mapped(to: library)
    var random = TestRandom(seed: 9)
    let stream = ["x": random.ints(500, in: -32...31), "w": random.ints(500, in: -32...31)]
    let zero = try netlist.switching(stream, counting: .zeroDelay)
    let inertial = try netlist.switching(stream, counting: .inertial)
    let transport = try netlist.switching(stream, counting: .transport)
    #expect(inertial.capacitancePerTransition >= zero.capacitancePerTransition)
    #expect(transport.capacitancePerTransition >= inertial.capacitancePerTransition)
    for net in 0..<netlist.netCount {
      // Every net toggles at least as often with delays, by whole pulses (two toggles each),
      // and filtering only removes pulses.
      #expect(inertial.toggles[net] >= zero.toggles[net])
      #expect((inertial.toggles[net] - zero.toggles[net]) % 2 == 0)
      #expect(transport.toggles[net] >= inertial.toggles[net])
    }
  }

  @Test func leakageScalesWithTransistorsAndSupply() throws {
    let netlist = try Generators.rippleCarryAdder(width: 4, signed: false).mapped(to: library)
    let nominal = netlist.leakagePower()
    #expect(abs(nominal - Double(netlist.transistorCount) * 5.4e-9) < 1e-15)
    #expect(netlist.leakagePower(voltage: 0.7) < nominal)
  }

  @Test func macCharacterizationMatchesDirectSimulation() throws {
    let configuration = MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10)
    var random = TestRandom(seed: 21)
    let activations = random.ints(300, in: -8...7)
    let accumulators = random.ints(300, in: -512...511)
    let table = try MACPowerTable.characterize(
      configuration, weights: [0, 1, -8, 5], activations: activations, accumulator: .values(accumulators),
      counting: .inertial, library: library)
    #expect(table.entries.map(\.weight) == [0, 1, -8, 5])
    #expect(table.transitions == 299)
    for entry in table.entries {
      let direct = try table.netlist.switching(
        ["x": activations, "w": Array(repeating: entry.weight, count: 300), "acc": accumulators], counting: .inertial)
      #expect(abs(direct.energyPerTransition() - entry.energyPerOperation) < 1e-24)
      #expect(abs(direct.worstSettleTime - entry.worstSettleTime) < 1e-18)
    }
    let power = try #require(table.power(weight: 5, frequency: 1e9))
    #expect(abs(power - (table.entry(weight: 5)!.energyPerOperation * 1e9 + table.leakagePower)) < 1e-15)
  }

  @Test func aZeroWeightMacKeepsItsOutputsStill() throws {
    let configuration = MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10)
    var random = TestRandom(seed: 4)
    let activations = random.ints(400, in: -8...7)
    let table = try MACPowerTable.characterize(
      configuration, weights: [0, 7], activations: activations, library: library)
    #expect(table.entries[0].energyPerOperation > 0)
    #expect(table.entries[0].energyPerOperation < table.entries[1].energyPerOperation)
    let netlist = table.netlist
    let report = try netlist.switching(
      ["x": activations, "w": Array(repeating: 0, count: 400), "acc": Array(repeating: 0, count: 400)],
      counting: .zeroDelay)
    for net in netlist.outputNets { #expect(report.toggles[net] == 0) }
  }

  @Test func characterizationRejectsBadStreams() throws {
    let configuration = MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10)
    #expect(throws: LogicError.self) {
      try MACPowerTable.characterize(configuration, activations: [1], library: library)
    }
    #expect(throws: LogicError.self) {
      try MACPowerTable.characterize(configuration, weights: [9], activations: [1, 2], library: library)
    }
    #expect(throws: LogicError.self) {
      try MACPowerTable.characterize(configuration, activations: [1, 2], accumulator: .values([0]), library: library)
    }
  }
}
