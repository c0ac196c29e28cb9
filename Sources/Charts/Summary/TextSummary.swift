import Foundation

/// A few plain-text lines describing a chart, for terminals where SVG cannot be shown.
public enum TextSummary {
  /// Series listed one per line; more are counted, so a terminal is not flooded.
  static let maxSeriesLines = 8

  /// Kind and title, then one line per series (points, y range, last value) or the grid's size.
  public static func summarize(_ spec: ChartSpec) -> String {
    var lines = [ChartDescription.kindName(spec.kind) + ": " + ChartDescription.title(of: spec)]
    let axes = [spec.xLabel.map { "x: " + $0 }, spec.yLabel.map { "y: " + $0 }].compactMap { $0 }
    let scales = [spec.xScale == .log ? "log x" : nil, spec.yScale == .log ? "log y" : nil].compactMap { $0 }
    if !axes.isEmpty || !scales.isEmpty {
      lines.append("  " + (axes + scales).joined(separator: ", "))
    }
    switch spec.kind {
    case .heatmap:
      let facts = GridFacts(spec.grid)
      if let range = facts.range {
        var line = "  \(facts.rows) × \(facts.columns) cells, values " + number(range.lowerBound, spec.valueFormat)
          + " to " + number(range.upperBound, spec.valueFormat)
        if facts.missing > 0 { line += ", \(facts.missing) without a value" }
        lines.append(line)
      } else {
        lines.append("  no data")
      }
    case .line, .scatter, .bar, .histogram:
      if spec.series.isEmpty { lines.append("  no data") }
      if spec.kind == .bar { lines.append("  \(ChartDescription.categoryNames(spec).count) categories") }
      let unit = spec.kind == .line || spec.kind == .scatter ? "points" : "values"
      // Histogram samples are raw values; the other kinds' values are plotted as y.
      let format = spec.kind == .histogram ? spec.xFormat : spec.yFormat
      for (index, series) in spec.series.enumerated().prefix(maxSeriesLines) {
        let facts = SeriesFacts(series, index: index, kind: spec.kind)
        var line = "  " + facts.name + ": \(facts.count) " + (facts.count == 1 ? String(unit.dropLast()) : unit)
        if let range = facts.yRange, let last = facts.last {
          line += ", " + (spec.kind == .histogram ? "" : "y ") + number(range.lowerBound, format) + " to " + number(range.upperBound, format)
          line += ", last " + number(last, format)
        }
        if facts.nonFinite > 0 { line += ", \(facts.nonFinite) NaN/infinite skipped" }
        lines.append(line)
      }
      if spec.series.count > maxSeriesLines {
        lines.append("  … and \(spec.series.count - maxSeriesLines) more series")
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func number(_ value: Double, _ format: ChartSpec.NumberFormat?) -> String {
    ChartDescription.number(value, format)
  }
}
