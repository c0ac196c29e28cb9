/// A rectangle in SVG user units (CSS pixels), y pointing down.
struct Rect: Equatable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var maxX: Double { x + width }
  var maxY: Double { y + height }
  var midX: Double { x + width / 2 }
  var midY: Double { y + height / 2 }
}

/// Sizes and type shared by every kind of chart.
enum Style {
  /// The font stack: the reader's interface font, then common sans-serifs.
  static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
  /// Body text: tick labels, legend, axis labels.
  static let fontSize = 12.0
  /// The chart title.
  static let titleSize = 13.0
  /// Space kept free along the edges of the drawing.
  static let edge = 10.0
  /// Length of tick marks.
  static let tick = 4.0
  /// Height of one legend row.
  static let legendRow = 18.0
  /// Smallest and largest drawing sizes accepted; others are clamped, never trusted.
  static let widthRange = 200.0...4000.0
  static let heightRange = 150.0...4000.0
}
