import Charts
import Testing
@testable import Bindings
@testable import Kernel

private func chart(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ChartDisplay? {
  let result = run(source)
  #expect(result.error == nil, "\(result.error?.rendered ?? "")", sourceLocation: sourceLocation)
  for item in result.outputs { if case .chart(let chart) = item { return chart } }
  Issue.record("no chart output", sourceLocation: sourceLocation)
  return nil
}

@Suite struct ChartLibraryTests {
  @Test func lineChartFromRecords() throws {
    let c = try #require(chart("""
      history = [{epoch: 1, loss: 2.0, acc: 0.5}, {epoch: 2, loss: 1.0, acc: 0.7}, {epoch: 3, loss: 0.5}]
      line_chart(history, x: "epoch", y: ["loss", "acc"], title: "Training", log_y: true, caption: "Fig")
      """))
    #expect(c.spec.kind == .line)
    #expect(c.spec.title == "Training")
    #expect(c.spec.xLabel == "epoch")
    #expect(c.spec.yScale == .log)
    #expect(c.spec.series.map(\.name) == ["loss", "acc"])
    #expect(c.spec.series[0].x == [1, 2, 3])
    #expect(c.spec.series[1].y == [0.5, 0.7])  // the row without acc is skipped
    #expect(c.caption == "Fig")
  }

  @Test func lineChartsShadeABandOfHalfWidthsFromAField() throws {
    let c = try #require(chart("""
      rows = [{s: 0.1, acc: 0.9, sd: 0.01}, {s: 0.2, acc: 0.8}, {s: 0.3, acc: 0.6, sd: 0.05}]
      line_chart(rows, x: "s", y: ["acc"], band: {acc: "sd"})
      """))
    let series = try #require(c.spec.series.first)
    #expect(series.lower?.count == 3 && series.upper?.count == 3)
    #expect(abs((series.lower?[0] ?? 0) - 0.89) < 1e-12 && abs((series.upper?[2] ?? 0) - 0.65) < 1e-12)
    #expect(series.lower?[1].isNaN == true, "a row without a width breaks the band")
    expectError(
      #"line_chart([{s: 1, acc: 2, sd: 0}], x: "s", y: "acc", band: {loss: "sd"})"#, at: "1:1",
      "line_chart(): argument 'band' names 'loss', which is not a y field of the chart (acc)")
  }

  @Test func yDefaultsToEveryNumericField() throws {
    let c = try #require(chart(#"scatter({x: [1, 2], a: [3, 4], name: ["p", "q"]}, x: "x")"#))
    #expect(c.spec.kind == .scatter)
    #expect(c.spec.series.map(\.name) == ["a"])
    #expect(c.spec.yLabel == "a")
  }

  @Test func groupedBars() throws {
    let c = try #require(chart(#"bar_chart([{method: "base", power: 1.0, area: 2}, {method: "pruned", power: 0.6, area: 1.5}], x: "method", y: ["power", "area"])"#))
    #expect(c.spec.kind == .bar)
    #expect(c.spec.categories == ["base", "pruned"])
    #expect(c.spec.series.map(\.y) == [[1, 0.6], [2, 1.5]])
  }

  @Test func histogramsOfOneOrSeveralSeries() throws {
    let one = try #require(chart("histogram([1, 2, 2, 3], bins: 3)"))
    #expect(one.spec.series.map(\.name) == ["values"])
    #expect(one.spec.bins == 3)
    #expect(one.spec.yLabel == "count")
    let two = try #require(chart("histogram({before: [1, 2], after: [2, 3, 4]}, x_label: \"importance\")"))
    #expect(two.spec.series.map(\.name) == ["before", "after"])
    #expect(two.spec.series[1].y == [2, 3, 4])
    #expect(two.spec.bins == nil)
  }

  @Test func heatmapFromFlatListOrRows() throws {
    let flat = try #require(chart("heatmap([i for i in 0..<256], columns: 16, title: \"weights\")"))
    #expect(flat.spec.grid?.values.count == 16)
    #expect(flat.spec.grid?.values[1][0] == 16)
    let rows = try #require(chart(#"heatmap([[1, 2], [3, 4]], row_labels: ["a", "b"])"#))
    #expect(rows.spec.grid?.rowLabels == ["a", "b"])
  }

  @Test func chartsFromTables() throws {
    let c = try #require(chart("t = table({s: [0, 0.1], acc: [0.9, 0.8]})\nline_chart(t, x: \"s\", y: \"acc\")"))
    #expect(c.spec.series[0].y == [0.9, 0.8])
  }

  @Test func errors() {
    expectError(#"line_chart([{epoch: 1, loss: 1}], x: "epoch", y: "los")"#, at: "1:1", "line_chart(): y names no field 'los'; did you mean 'loss'?")
    expectError(#"line_chart([{e: 1, l: 0}], x: "e", y: "l", log_y: true)"#, at: "1:1", "line_chart(): log_y needs positive values; 'l' has 0")
    expectError(#"line_chart([{e: "a", l: 1}], x: "e")"#, at: "1:1", "line_chart(): field 'e' must hold numbers; row 0 has a string")
    expectError("heatmap([1, 2, 3], columns: 2)", at: "1:1", "heatmap(): argument 'columns' must divide the 3 values into whole rows, got 2")
    expectError("heatmap([[1, 2], [3]])", at: "1:1", "heatmap(): row 1 has 1 values but row 0 has 2")
  }
}
