import Testing
@testable import Charts

@Suite struct TextSummaryTests {
  @Test func lineSummaryListsSeries() {
    let spec = ChartSpec(
      kind: .line, title: "Training", xLabel: "epoch",
      series: [.init(name: "loss", x: [1, 2, 3], y: [2.3, 0.9, 0.41]), .init(name: "accuracy", x: [1, 2, 3], y: [0.5, 0.8, .nan])])
    #expect(TextSummary.summarize(spec) == """
      Line chart: Training
        x: epoch
        loss: 3 points, y 0.41 to 2.3, last 0.41
        accuracy: 2 points, y 0.5 to 0.8, last 0.8, 1 NaN/infinite skipped
      """)
  }

  @Test func heatmapSummaryGivesSizeAndRange() {
    let summary = TextSummary.summarize(Fixtures.heatmap)
    #expect(summary.hasPrefix("Heatmap: Crossbar conductance deviation"))
    #expect(summary.contains("16 × 16 cells, values 0 to "))
  }

  @Test func untitledChartsGetATitle() {
    let spec = ChartSpec(kind: .histogram, series: [.init(name: "before", y: [1, 2]), .init(name: "after", y: [3])])
    #expect(TextSummary.summarize(spec).hasPrefix("Histogram: Histogram of before and after\n"))
  }

  @Test func emptySpecSaysNoData() {
    #expect(TextSummary.summarize(ChartSpec(kind: .bar)) == "Bar chart: Empty bar chart\n  no data\n  0 categories")
    #expect(TextSummary.summarize(ChartSpec(kind: .heatmap)) == "Heatmap: Empty heatmap\n  no data")
  }

  @Test func percentFormatShowsPercent() {
    let summary = TextSummary.summarize(Fixtures.bar)
    #expect(summary.contains("class-aware: 5 values, y 80.2% to 91.2%, last 80.2%"))
  }
}

extension TextSummaryTests {
  @Test func manySeriesAreCounted() {
    let spec = ChartSpec(kind: .line, series: (0..<20).map { .init(name: "s\($0)", y: [1]) })
    let lines = TextSummary.summarize(spec).split(separator: "\n")
    #expect(lines.count == 1 + TextSummary.maxSeriesLines + 1)
    #expect(lines.last == "  … and 12 more series")
  }
}
