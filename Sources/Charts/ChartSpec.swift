/// A description of one chart, independent of how it is drawn.
///
/// Specs are plain data: the kernel builds them from language values, the runner
/// renders them to SVG with ``SVGRenderer`` and writes them to the report's JSON.
public struct ChartSpec: Sendable, Equatable, Codable {
  /// The kind of chart.
  public enum Kind: String, Sendable, Codable {
    /// Lines through (x, y) points, one per series.
    case line
    /// Grouped bars: one group per category, one bar per series.
    case bar
    /// Binned counts of each series' values, series overlaid.
    case histogram
    /// Unconnected (x, y) points, one colour per series.
    case scatter
    /// A grid of values coloured on a sequential scale.
    case heatmap
  }

  /// How an axis maps values to positions.
  public enum Scale: String, Sendable, Codable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios; needs positive values (else the chart falls back to linear and says so).
    case log
  }

  /// How the numbers of an axis, or of heatmap values, are written.
  public enum NumberFormat: String, Sendable, Codable {
    /// Plain decimals; 1k / 1M suffixes from ten thousand on, `2e-5` for tiny values.
    case automatic
    /// Plain decimals with thousands separators: `12,000`.
    case grouped
    /// Fractions as percentages: `0.25` is written `25%`.
    case percent
    /// Mantissa and exponent: `2.5e3`.
    case scientific
  }

  /// One named series of values.
  public struct Series: Sendable, Equatable, Codable {
    /// The legend entry.
    public var name: String
    /// x values (line, scatter); empty for bar and histogram.
    public var x: [Double]
    /// y values (line, scatter), one value per category (bar), or the raw samples (histogram).
    public var y: [Double]
    /// A band around a line (lower and upper edge, one value per point, e.g. mean ∓ std over
    /// seeds), drawn shaded under it; line charts only.
    public var lower: [Double]?
    /// The band's upper edge; see ``lower``.
    public var upper: [Double]?

    /// Creates a series.
    public init(name: String, x: [Double] = [], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil) {
      self.name = name
      self.x = x
      self.y = y
      self.lower = lower
      self.upper = upper
    }

    /// The band's points `(x, lower, upper)` where all three are finite, in runs broken at gaps.
    public var bandRuns: [[(x: Double, lower: Double, upper: Double)]] {
      guard let lower, let upper, lower.count == y.count, upper.count == y.count, x.count == y.count else { return [] }
      var runs: [[(x: Double, lower: Double, upper: Double)]] = [[]]
      for i in y.indices {
        if x[i].isFinite && lower[i].isFinite && upper[i].isFinite {
          runs[runs.count - 1].append((x[i], lower[i], upper[i]))
        } else if !runs[runs.count - 1].isEmpty {
          runs.append([])
        }
      }
      return runs.filter { $0.count > 1 }
    }
  }

  /// A matrix of values for a heatmap, row-major.
  public struct Grid: Sendable, Equatable, Codable {
    /// Values, `rows` arrays of `columns` values.
    public var values: [[Double]]
    /// Optional labels of the rows (top to bottom).
    public var rowLabels: [String]
    /// Optional labels of the columns (left to right).
    public var columnLabels: [String]

    /// Creates a grid.
    public init(values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = []) {
      self.values = values
      self.rowLabels = rowLabels
      self.columnLabels = columnLabels
    }
  }

  /// The kind of chart.
  public var kind: Kind
  /// The title drawn above the plot, also the SVG `<title>`.
  public var title: String?
  /// The label of the x axis.
  public var xLabel: String?
  /// The label of the y axis.
  public var yLabel: String?
  /// The x axis scale (line, scatter).
  public var xScale: Scale
  /// The y axis scale.
  public var yScale: Scale
  /// The series drawn (all kinds but heatmap).
  public var series: [Series]
  /// The category names of a bar chart, one per value of each series.
  public var categories: [String]
  /// The number of bins of a histogram; `nil` picks one from the data.
  public var bins: Int?
  /// The cells of a heatmap.
  public var grid: Grid?
  /// Width of the drawing in CSS pixels.
  public var width: Double
  /// Height of the drawing in CSS pixels.
  public var height: Double
  /// How x tick labels are written; `nil` is ``NumberFormat/automatic``.
  public var xFormat: NumberFormat?
  /// How y tick labels are written; `nil` is ``NumberFormat/automatic``.
  public var yFormat: NumberFormat?
  /// How heatmap values (colour bar, cell labels) are written; `nil` is ``NumberFormat/automatic``.
  public var valueFormat: NumberFormat?

  /// Creates a spec; the defaults suit a chart in a report column.
  public init(
    kind: Kind, title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
    xScale: Scale = .linear, yScale: Scale = .linear, series: [Series] = [],
    categories: [String] = [], bins: Int? = nil, grid: Grid? = nil,
    width: Double = 640, height: Double = 360,
    xFormat: NumberFormat? = nil, yFormat: NumberFormat? = nil, valueFormat: NumberFormat? = nil
  ) {
    self.kind = kind
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xScale = xScale
    self.yScale = yScale
    self.series = series
    self.categories = categories
    self.bins = bins
    self.grid = grid
    self.width = width
    self.height = height
    self.xFormat = xFormat
    self.yFormat = yFormat
    self.valueFormat = valueFormat
  }
}
