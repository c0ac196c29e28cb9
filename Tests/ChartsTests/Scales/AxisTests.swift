import Testing
@testable import Charts

@Suite struct AxisTests {
  @Test func linearAxisMapsEnds() {
    let axis = Axis.covering([0, 97], scale: .linear, format: .automatic, tickCount: 6, name: "y")
    #expect(axis.lower == 0 && axis.upper == 100)
    #expect(axis.fraction(50) == 0.5)
    #expect(axis.labels == ["0", "20", "40", "60", "80", "100"])
    #expect(axis.note == nil)
  }

  @Test func logAxisMapsDecadesEvenly() {
    let axis = Axis.covering([1, 1e4], scale: .log, format: .automatic, tickCount: 6, name: "y")
    #expect(axis.mapping == .log)
    #expect(abs(axis.fraction(100) - 0.5) < 1e-12)
    #expect(axis.labels == ["1", "10", "100", "1k", "10k"])
  }

  @Test func logAxisOverNonPositiveValuesFallsBackWithANote() {
    let axis = Axis.covering([-1, 0, 5], scale: .log, format: .automatic, tickCount: 6, name: "loss")
    #expect(axis.mapping == .linear)
    #expect(axis.lower <= -1 && axis.upper >= 5)
    #expect(axis.note?.contains("loss") == true)
    #expect(axis.note?.contains("linear") == true)
  }

  @Test func includeZeroExtendsTheDomain() {
    let axis = Axis.covering([3, 7], scale: .linear, format: .automatic, tickCount: 5, includeZero: true, name: "y")
    #expect(axis.lower == 0)
  }

  @Test func emptyValuesGiveADefaultAxis() {
    let axis = Axis.covering([.nan], scale: .linear, format: .automatic, tickCount: 5, name: "y")
    #expect(axis.lower == 0 && axis.upper == 1)
    let log = Axis.covering([], scale: .log, format: .automatic, tickCount: 5, name: "y")
    #expect(log.mapping == .log && log.lower > 0)
  }
}
