import Foundation

/// The words said about a chart: its accessible title, its one-sentence description, and
/// the notes about data that could not be drawn as asked.
enum ChartDescription {
  /// The spec's title, or one generated from its kind and series.
  static func title(of spec: ChartSpec) -> String {
    if let title = spec.title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty {
      return title
    }
    let kind = kindName(spec.kind)
    if spec.kind == .heatmap {
      let facts = GridFacts(spec.grid)
      return facts.rows == 0 ? "Empty heatmap" : "Heatmap of \(facts.rows) × \(facts.columns) values"
    }
    let names = seriesNames(spec)
    switch names.count {
    case 0: return "Empty " + kind.lowercased()
    case 1...3: return kind + " of " + list(names)
    default: return kind + " of \(names.count) series"
    }
  }

  /// One sentence for screen readers: kind, series, ranges, and what was left out.
  static func sentence(of spec: ChartSpec, notes: [String]) -> String {
    var sentence = kindName(spec.kind)
    switch spec.kind {
    case .heatmap:
      let facts = GridFacts(spec.grid)
      if let range = facts.range {
        sentence += " of \(facts.rows) rows by \(facts.columns) columns"
        sentence += ", values from " + number(range.lowerBound, spec.valueFormat) + " to " + number(range.upperBound, spec.valueFormat)
        sentence += " on a viridis scale (dark purple low, yellow high)"
      } else {
        sentence += " with no data"
      }
    case .line, .scatter, .bar, .histogram:
      let facts = spec.series.indices.map { SeriesFacts(spec.series[$0], index: $0, kind: spec.kind) }
      let counted = facts.filter { $0.count > 0 }
      guard !counted.isEmpty else {
        return sentence + " with no data" + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")) + "."
      }
      let names = facts.map(\.name)
      let shownNames = names.count > 6 ? Array(names.prefix(5)) + ["\(names.count - 5) more"] : names
      sentence += " of \(facts.count) series (" + shownNames.map { truncate($0) }.joined(separator: ", ") + ")"
      let yLow = counted.compactMap { $0.yRange?.lowerBound }.min() ?? 0
      let yHigh = counted.compactMap { $0.yRange?.upperBound }.max() ?? 0
      switch spec.kind {
      case .bar:
        let categories = categoryNames(spec)
        let shown = categories.count > 6 ? Array(categories.prefix(5)) + ["\(categories.count - 5) more"] : categories
        sentence += " over \(categories.count) categories (" + shown.map { truncate($0) }.joined(separator: ", ") + ")"
        sentence += ", values from " + number(yLow, spec.yFormat) + " to " + number(yHigh, spec.yFormat)
      case .histogram:
        let binning = Binning(series: spec.series.map(\.y), requested: spec.bins, logarithmic: spec.xScale == .log && spec.series.allSatisfy { $0.y.allSatisfy { !$0.isFinite || $0 > 0 } })
        let total = counted.map(\.count).reduce(0, +)
        sentence += " of \(total) values in \(binning.edges.count - 1) bins (\(binning.rule.rawValue))"
        sentence += ", values from " + number(yLow, spec.xFormat) + " to " + number(yHigh, spec.xFormat)
      default:
        let xLow = counted.compactMap { $0.xRange?.lowerBound }.min() ?? 0
        let xHigh = counted.compactMap { $0.xRange?.upperBound }.max() ?? 0
        sentence += ", " + axis(spec.xLabel, "x") + " from " + number(xLow, spec.xFormat) + " to " + number(xHigh, spec.xFormat)
        sentence += ", " + axis(spec.yLabel, "y") + " from " + number(yLow, spec.yFormat) + " to " + number(yHigh, spec.yFormat)
        if spec.xScale == .log || spec.yScale == .log {
          sentence += ", " + [spec.xScale == .log ? "x" : nil, spec.yScale == .log ? "y" : nil].compactMap { $0 }.joined(separator: " and ") + " on a log scale"
        }
        if spec.kind == .line, spec.series.contains(where: { !$0.bandRuns.isEmpty }) {
          sentence += ", with shaded bands around the lines"
        }
      }
    }
    if !notes.isEmpty { sentence += "; " + notes.joined(separator: "; ") }
    return sentence + "."
  }

  /// Notes about values that are not drawn: NaN or infinite, or without a matching x.
  static func skippedNotes(_ spec: ChartSpec) -> [String] {
    let facts = spec.series.indices.map { SeriesFacts(spec.series[$0], index: $0, kind: spec.kind) }
    var notes: [String] = []
    let nonFinite = facts.map(\.nonFinite).reduce(0, +)
    if nonFinite > 0 {
      notes.append("\(nonFinite) NaN or infinite \(nonFinite == 1 ? "value is" : "values are") not shown")
    }
    let unpaired = facts.map(\.unpaired).reduce(0, +)
    if unpaired > 0 {
      notes.append("\(unpaired) \(unpaired == 1 ? "value has" : "values have") no matching x or y and \(unpaired == 1 ? "is" : "are") not shown")
    }
    if spec.kind == .bar {
      let categories = spec.categories.count
      let extra = spec.series.map { max($0.y.count - max(categories, 1), 0) }.reduce(0, +)
      if categories > 0 && extra > 0 {
        notes.append("\(extra) \(extra == 1 ? "value has" : "values have") no category and \(extra == 1 ? "is" : "are") not shown")
      }
    }
    return notes
  }

  /// The categories of a bar chart: the spec's names, or 1, 2, 3, … when it gives none.
  static func categoryNames(_ spec: ChartSpec) -> [String] {
    if !spec.categories.isEmpty { return spec.categories }
    let count = spec.series.map(\.y.count).max() ?? 0
    return (0..<count).map { String($0 + 1) }
  }

  /// "Line chart", "Bar chart", …
  static func kindName(_ kind: ChartSpec.Kind) -> String {
    switch kind {
    case .line: return "Line chart"
    case .bar: return "Bar chart"
    case .histogram: return "Histogram"
    case .scatter: return "Scatter plot"
    case .heatmap: return "Heatmap"
    }
  }

  /// The display names of the spec's series.
  static func seriesNames(_ spec: ChartSpec) -> [String] {
    spec.series.indices.map { SeriesFacts(spec.series[$0], index: $0, kind: spec.kind).name }
  }

  /// A number for prose: 4 significant digits, or the axis format when it is percent.
  static func number(_ value: Double, _ format: ChartSpec.NumberFormat?) -> String {
    format == .percent ? NumberText.significant(value * 100, 4) + "%" : NumberText.significant(value, 4)
  }

  private static func axis(_ label: String?, _ fallback: String) -> String {
    guard let label = label?.trimmingCharacters(in: .whitespacesAndNewlines), !label.isEmpty else { return fallback }
    return truncate(label)
  }

  private static func truncate(_ text: String) -> String {
    text.count > 40 ? String(text.prefix(39)) + "…" : text
  }

  private static func list(_ names: [String]) -> String {
    let shown = names.map { truncate($0) }
    guard shown.count > 1 else { return shown.first ?? "" }
    return shown.dropLast().joined(separator: ", ") + " and " + (shown.last ?? "")
  }
}
