import Foundation

/// What a series holds, in numbers: for the SVG description and the terminal summary.
struct SeriesFacts {
  /// The series name, or "series N" when it has none.
  var name: String
  /// Finite values (points for line and scatter, values for bar and histogram).
  var count: Int
  /// Values left out because they (or their x) were NaN or infinite.
  var nonFinite: Int
  /// Values left out because they had no matching x.
  var unpaired: Int
  /// The least and greatest finite y, if any.
  var yRange: ClosedRange<Double>?
  /// The least and greatest finite x, if any (line, scatter).
  var xRange: ClosedRange<Double>?
  /// The last finite y.
  var last: Double?

  /// The facts of series number `index` of a chart of `kind`.
  init(_ series: ChartSpec.Series, index: Int, kind: ChartSpec.Kind) {
    let trimmedName = series.name.trimmingCharacters(in: .whitespacesAndNewlines)
    name = trimmedName.isEmpty ? "series \(index + 1)" : trimmedName
    var ys: [Double] = []
    var xs: [Double] = []
    var dropped = 0
    var extra = 0
    switch kind {
    case .line, .scatter:
      for point in SeriesFacts.points(series) {
        if point.x.isFinite && point.y.isFinite {
          xs.append(point.x)
          ys.append(point.y)
        } else {
          dropped += 1
        }
      }
      if !series.x.isEmpty { extra = abs(series.x.count - series.y.count) }
    case .bar, .histogram, .heatmap:
      ys = series.y.filter { $0.isFinite }
      dropped = series.y.count - ys.count
    }
    count = ys.count
    nonFinite = dropped
    unpaired = extra
    yRange = ys.min().flatMap { low in ys.max().map { low...$0 } }
    xRange = xs.min().flatMap { low in xs.max().map { low...$0 } }
    last = ys.last
  }

  /// The (x, y) pairs of a line or scatter series: x defaults to 0, 1, 2, … when absent,
  /// and values beyond the shorter of x and y are ignored.
  static func points(_ series: ChartSpec.Series) -> [(x: Double, y: Double)] {
    if series.x.isEmpty {
      return series.y.enumerated().map { (x: Double($0.offset), y: $0.element) }
    }
    return zip(series.x, series.y).map { (x: $0.0, y: $0.1) }
  }
}

/// What a heatmap grid holds.
struct GridFacts {
  /// Number of rows.
  var rows: Int
  /// Number of columns (the longest row).
  var columns: Int
  /// Cells without a finite value (NaN, infinite, or missing from a short row).
  var missing: Int
  /// The least and greatest finite value, if any.
  var range: ClosedRange<Double>?

  /// The facts of `grid`.
  init(_ grid: ChartSpec.Grid?) {
    let values = grid?.values ?? []
    rows = values.count
    columns = values.map(\.count).max() ?? 0
    let finite = values.flatMap { $0 }.filter { $0.isFinite }
    missing = rows * columns - finite.count
    range = finite.min().flatMap { low in finite.max().map { low...$0 } }
  }
}
