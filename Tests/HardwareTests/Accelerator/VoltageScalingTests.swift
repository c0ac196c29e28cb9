import Testing
@testable import Hardware

@Suite struct VoltageScalingTests {
  let scaling = VoltageScaling(library: .cmos45nm)

  @Test func delayGrowsAsTheSupplyFalls() {
    #expect(abs(scaling.delayScale(at: 0.9) - 1) < 1e-12)
    var previous = scaling.delayScale(at: 0.9)
    for millivolts in stride(from: 890, through: 500, by: -10) {
      let scale = scaling.delayScale(at: Double(millivolts) / 1000)
      #expect(scale > previous)
      previous = scale
    }
    // By hand: (0.6 / 0.3^1.3) / (0.9 / 0.6^1.3) = (2/3) * 2^1.3.
    #expect(abs(scaling.delayScale(at: 0.6) - (2.0 / 3.0) * 2.4622888266898326) < 1e-9)
  }

  @Test func lowestSupplyJustMeetsTheClock() throws {
    let delay = 500e-12
    for period in [520e-12, 700e-12, 1e-9] {
      let v = try scaling.lowestSupply(delay: delay, clockPeriod: period)
      #expect(v < 0.9)
      #expect(delay * scaling.delayScale(at: v) <= period * (1 + 1e-9))
      if v > 0.5 { #expect(delay * scaling.delayScale(at: v - 1e-3) > period) }
    }
    // A short delay may run at the lowest supply considered.
    #expect(try scaling.lowestSupply(delay: 100e-12, clockPeriod: 1e-9) == 0.5)
    // Exactly the clock: nominal.
    #expect(abs(try scaling.lowestSupply(delay: 1e-9, clockPeriod: 1e-9) - 0.9) < 1e-9)
    #expect(throws: LogicError.self) { try scaling.lowestSupply(delay: 2e-9, clockPeriod: 1e-9) }
  }

  @Test func lowerSuppliesSavePower() {
    let nominal = scaling.power(energyPerOperation: 1e-12, leakage: 1e-6, frequency: 1e9, voltage: 0.9)
    let low = scaling.power(energyPerOperation: 1e-12, leakage: 1e-6, frequency: 1e9, voltage: 0.6)
    #expect(abs(nominal.dynamic - 1e-3) < 1e-15)
    #expect(abs(low.dynamic - 1e-3 * 4 / 9) < 1e-15)
    #expect(low.leakage < nominal.leakage)
    #expect(low.total < nominal.total)
  }
}
