/// The colours and marker shapes given to series, in order.
///
/// Colours are Okabe and Ito's colour-blind-safe set ("Color Universal Design", 2002),
/// reordered so the first ones contrast most on white; yellow comes last because it is
/// faint on white. Each series also gets its own marker shape, so it can be told apart
/// in greyscale print too.
enum Palette {
  /// Series colours as CSS hex, cycled when there are more series.
  static let colors = [
    "#0072B2",  // blue
    "#E69F00",  // orange
    "#009E73",  // bluish green
    "#D55E00",  // vermillion
    "#CC79A7",  // reddish purple
    "#56B4E9",  // sky blue
    "#000000",  // black
    "#F0E442",  // yellow
  ]

  /// The colour of series number `index`.
  static func color(_ index: Int) -> String {
    colors[((index % colors.count) + colors.count) % colors.count]
  }

  /// The marker shape of series number `index`.
  static func marker(_ index: Int) -> Marker {
    Marker.allCases[((index % Marker.allCases.count) + Marker.allCases.count) % Marker.allCases.count]
  }

  /// Text drawn on the chart.
  static let text = "#222222"
  /// Secondary text: tick labels, notes.
  static let mutedText = "#555555"
  /// Axis lines and tick marks.
  static let axis = "#666666"
  /// Gridlines: light, so they guide without competing with the data.
  static let grid = "#E6E6E6"
  /// Cells and areas without a value.
  static let missing = "#D0D0D0"
}

/// A marker shape for points.
enum Marker: CaseIterable {
  case circle
  case square
  case triangle
  case diamond
  case triangleDown
  case plus
}
