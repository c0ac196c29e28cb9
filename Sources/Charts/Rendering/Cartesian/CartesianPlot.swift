import Foundation

/// What runs along the x axis of a cartesian chart.
enum XDimension {
  /// Numbers, on a linear or log axis.
  case numeric(Axis)
  /// Named slots, evenly spaced (bar charts).
  case categories([String])
}

/// The plot area of a cartesian chart and its mapping from data to pixels.
struct CartesianPlot {
  /// Where data is drawn.
  var rect: Rect
  /// The x dimension.
  var x: XDimension
  /// The y axis.
  var y: Axis

  /// The horizontal pixel position of the numeric value `value`.
  func xPosition(_ value: Double) -> Double {
    switch x {
    case .numeric(let axis): return rect.x + axis.fraction(value) * rect.width
    case .categories: return categoryCenter(Int(saturating: value))
    }
  }

  /// The vertical pixel position of `value`.
  func yPosition(_ value: Double) -> Double {
    rect.maxY - y.fraction(value) * rect.height
  }

  /// The width of one category slot.
  var slotWidth: Double {
    guard case .categories(let names) = x else { return rect.width }
    return rect.width / Double(max(names.count, 1))
  }

  /// The centre of category slot `index`.
  func categoryCenter(_ index: Int) -> Double {
    rect.x + (Double(index) + 0.5) * slotWidth
  }

  /// The y pixel of the axis baseline bars grow from: zero, or the bottom of a log axis.
  var baseline: Double {
    switch y.mapping {
    case .linear: return yPosition(min(max(0, y.lower), y.upper))
    case .log: return rect.maxY
    }
  }
}

/// One legend row.
struct LegendEntry {
  /// How the series is drawn, so the legend looks like the data.
  enum Symbol {
    case line(Marker?)
    case marker(Marker)
    case box
  }

  /// The series name, shown truncated if long.
  var name: String
  /// The series colour.
  var color: String
  /// The swatch drawn before the name.
  var symbol: Symbol
}

/// Everything the shared cartesian frame needs to lay out axes, legend and header.
struct CartesianRequest {
  var title: String?
  var notes: [String] = []
  /// Numeric x values to cover (ignored when `categories` is set).
  var xValues: [Double] = []
  /// Category names, for a bar chart.
  var categories: [String]?
  var xScale: ChartSpec.Scale = .linear
  var xFormat: ChartSpec.NumberFormat = .automatic
  var xLabel: String?
  /// Span exactly the x data plus this fraction each side (nil: from nice tick to nice tick).
  var xTight: Double?
  var yValues: [Double] = []
  var yScale: ChartSpec.Scale = .linear
  var yFormat: ChartSpec.NumberFormat = .automatic
  var yLabel: String?
  var yIncludeZero = false
  var yInteger = false
  var legend: [LegendEntry] = []
  /// Vertical gridlines at x ticks (line and scatter, not bars).
  var verticalGrid = true
  /// Whether there is nothing to draw, so the plot says "No data".
  var isEmpty = false

  /// A request with the labels, title and formats of `spec`.
  init(spec: ChartSpec) {
    title = spec.title
    xLabel = spec.xLabel.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    yLabel = spec.yLabel.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    xScale = spec.xScale
    yScale = spec.yScale
    xFormat = spec.xFormat ?? .automatic
    yFormat = spec.yFormat ?? .automatic
  }
}
