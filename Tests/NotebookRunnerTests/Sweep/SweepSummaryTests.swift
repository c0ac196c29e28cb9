import Charts
import Kernel
import Testing
@testable import NotebookRunner

@Suite struct SweepSummaryTests {
  @Test func gridsAreEveryCombinationFirstAxisSlowest() throws {
    let grid = try SweepGrid(parsing: ["seed=1,2", "widths=[0.25, 0.5],[1]", "name='a,b',c"])
    #expect(grid.axes.map(\.values) == [["1", "2"], ["[0.25, 0.5]", "[1]"], ["'a,b'", "c"]])
    let points = grid.points
    #expect(points.count == 8)
    #expect(points[0].label == "seed=1, widths=[0.25, 0.5], name='a,b'")
    #expect(points[1].label == "seed=1, widths=[0.25, 0.5], name=c")
    #expect(points[0].folderName == "seed-1_widths-_0.25__0.5__name-_a_b_")
    #expect(Set(points.map(\.folderName)).count == 8)
    #expect(throws: SweepError.self) { try SweepGrid(parsing: ["seed=1,,2"]) }
    #expect(throws: SweepError.self) { try SweepGrid(parsing: ["seed=1", "seed=2"]) }
    #expect(throws: SweepError.self) { try SweepGrid(parsing: ["a=" + Array(repeating: "1", count: 40).joined(separator: ","), "b=" + Array(repeating: "1", count: 40).joined(separator: ",")]) }
  }

  @Test func tablesBecomeMeanAndSampleDeviationInTheirOwnFormat() {
    func table(_ acc: Double, _ text: String, count: Double?, name: String = "a") -> TableDisplay {
      TableDisplay(columns: ["name", "acc", "count"], rows: [[
        TableCell(text: name), TableCell(text: text, number: acc),
        count.map { TableCell(text: "\($0)", number: $0) } ?? TableCell(text: "–"),
      ]])
    }
    let combined = SweepSummary.combine([
      table(0.85, "85.0%", count: 10), table(0.87, "87.0%", count: 12), table(0.89, "89.0%", count: nil),
    ])
    #expect(combined.rows[0][0].text == "a")
    #expect(combined.rows[0][1].text == "87.0% ± 2.0%")
    #expect(abs((combined.rows[0][1].number ?? 0) - 0.87) < 1e-12)
    #expect(combined.rows[0][2].text == "11.0 ± 1.4 (n = 2)")
  }

  @Test func numberStylesFollowTheFirstRun() {
    #expect(NumberStyle(text: "1,234", number: 1234).string(1234.4) == "1,234")
    #expect(NumberStyle(text: "0.123", number: 0.123).string(0.00012, isSpread: true) == "0.0001")
    #expect(NumberStyle(text: "1.5e-05", number: 1.5e-5).string(2.25e-5) == "2.2e-05" || NumberStyle(text: "1.5e-05", number: 1.5e-5).string(2.25e-5) == "2.3e-05")
    #expect(NumberStyle(text: "12", number: 12).string(-1234567) == "-1234567")
    #expect(NumberStyle(text: "-1,000.5", number: -1000.5).string(-1234567.25) == "-1,234,567.2" || NumberStyle(text: "-1,000.5", number: -1000.5).string(-1234567.25) == "-1,234,567.3")
  }

  @Test func linesGetABandAndMismatchedChartsKeepTheFirst() throws {
    func line(_ ys: [Double], x: [Double] = [1, 2]) -> ChartSpec {
      ChartSpec(kind: .line, series: [.init(name: "acc", x: x, y: ys)])
    }
    let spec = try #require(SweepSummary.combine([line([1, 2]), line([3, 6])]))
    #expect(spec.series[0].y == [2, 4])
    #expect(spec.series[0].lower?.map { ($0 * 1e6).rounded() / 1e6 } == [0.585786, 1.171573])
    #expect(SweepSummary.combine([line([1, 2]), line([3, 6], x: [1, 3])]) == nil)
    let (mean, std) = SweepSummary.meanAndDeviation([2, 4, 4, 4, 5, 5, 7, 9])
    #expect(mean == 5 && abs(std - 2.138089935) < 1e-9)
  }
}
