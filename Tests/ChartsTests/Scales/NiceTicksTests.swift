import Testing
@testable import Charts

@Suite struct NiceTicksTests {
  @Test func unitIntervalGetsTenthsByTwo() {
    let ticks = NiceTicks.linear(lower: 0, upper: 1, count: 6)
    #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(ticks.step == 0.2)
  }

  @Test func zeroToNinetySevenGetsTwenties() {
    #expect(NiceTicks.linear(lower: 0, upper: 97, count: 6).values == [0, 20, 40, 60, 80, 100])
    #expect(NiceTicks.linear(lower: 0, upper: 97, count: 5).values == [0, 20, 40, 60, 80, 100])
  }

  @Test func ticksAreCleanDecimals() {
    // 3 × 0.1 is 0.30000000000000004 in binary; the ticks must be the decimal 0.3.
    let ticks = NiceTicks.linear(lower: 0, upper: 0.9, count: 10)
    #expect(ticks.values == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    #expect(ticks.values.contains(0.3))
  }

  @Test func ticksEncloseTheData() {
    for (low, high) in [(-3.7, 12.2), (0.213, 2.3), (1e-6, 3e-6), (-1e9, 1e9), (999, 1001)] {
      let ticks = NiceTicks.linear(lower: low, upper: high, count: 6).values
      #expect(ticks.first! <= low && ticks.last! >= high, "\(low)...\(high): \(ticks)")
      #expect((3...12).contains(ticks.count), "\(low)...\(high): \(ticks)")
    }
  }

  @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    for (low, high) in [(0.0, 7.3), (-2.0, 41.0), (0.0013, 0.0091), (5.0, 123456.0)] {
      let step = NiceTicks.linear(lower: low, upper: high, count: 6).step
      let mantissa = step / NumberText.tenTo(Int(step.log10Floor))
      #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(step)")
    }
  }

  @Test func equalValuesAreWidened() {
    let ticks = NiceTicks.linear(lower: 5, upper: 5, count: 5).values
    #expect(ticks.first! < 5 && ticks.last! > 5)
    let zero = NiceTicks.linear(lower: 0, upper: 0, count: 5).values
    #expect(zero.first! < 0 && zero.last! > 0)
  }

  @Test func integerTicksNeverStepBelowOne() {
    #expect(NiceTicks.linear(lower: 0, upper: 2, count: 8, integer: true).values == [0, 1, 2])
  }

  @Test func nonFiniteBoundsGiveTheUnitInterval() {
    #expect(NiceTicks.linear(lower: .nan, upper: .infinity, count: 6).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(NiceTicks.linear(lower: -.greatestFiniteMagnitude, upper: .greatestFiniteMagnitude, count: 6).values.count >= 2)
  }

  @Test func logTicksArePowersOfTen() {
    let ticks = NiceTicks.log(lower: 1, upper: 1e4, maxCount: 8)
    #expect(ticks.major == [1, 10, 100, 1000, 10000])
    #expect(ticks.minor.count == 4 * 8)
    #expect(ticks.minor.first == 2 && ticks.minor.contains(9000))
  }

  @Test func logTicksCoverPartialDecades() {
    #expect(NiceTicks.log(lower: 0.03, upper: 4.2, maxCount: 8).major == [0.01, 0.1, 1, 10])
    #expect(NiceTicks.log(lower: 100, upper: 100, maxCount: 8).major == [10, 100, 1000])
  }

  @Test func manyDecadesAreThinned() {
    let ticks = NiceTicks.log(lower: 1e-12, upper: 1e12, maxCount: 7)
    #expect(ticks.major.count <= 7)
    #expect(ticks.major.first! <= 1e-12 && ticks.major.last! >= 1e12)
    #expect(!ticks.minor.isEmpty)
  }
}
