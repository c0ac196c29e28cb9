import Foundation

/// A numeric axis: its domain, mapping, ticks and their labels.
struct Axis {
  /// How values are placed along the axis.
  enum Mapping {
    case linear
    case log
  }

  /// How values map to positions.
  var mapping: Mapping
  /// The value at the start of the axis (left or bottom).
  var lower: Double
  /// The value at the end of the axis (right or top).
  var upper: Double
  /// Labelled tick values.
  var ticks: [Double]
  /// Tick labels, one per tick.
  var labels: [String]
  /// Unlabelled ticks (log axes).
  var minorTicks: [Double] = []
  /// Why the requested scale was not used, for a note on the chart and in its description.
  var note: String?

  /// Where `value` falls, 0 at `lower` and 1 at `upper`.
  func fraction(_ value: Double) -> Double {
    switch mapping {
    case .linear:
      let span = upper - lower
      return span > 0 ? (value - lower) / span : 0.5
    case .log:
      guard value > 0 else { return 0 }
      let span = Foundation.log10(upper) - Foundation.log10(lower)
      return span > 0 ? (Foundation.log10(value) - Foundation.log10(lower)) / span : 0.5
    }
  }

  /// An axis covering `values` (finite ones) with about `tickCount` ticks.
  ///
  /// `tight` spans exactly the data plus that fraction of its range each side, ticks inside;
  /// otherwise the axis runs from a nice tick below the data to one above.
  /// A log scale over data with values <= 0 falls back to linear and says so in ``note``:
  /// dropping those values would misrepresent the data, and a crash helps nobody.
  static func covering(
    _ values: [Double], scale: ChartSpec.Scale, format: ChartSpec.NumberFormat,
    tickCount: Int, includeZero: Bool = false, integer: Bool = false, tight: Double? = nil, name: String
  ) -> Axis {
    let finite = values.filter { $0.isFinite }
    var low = finite.min()
    var high = finite.max()
    if scale == .log {
      if let low, low <= 0 {
        var axis = covering(
          values, scale: .linear, format: format, tickCount: tickCount,
          includeZero: includeZero, integer: integer, tight: tight, name: name)
        axis.note = "\(name) has values ≤ 0, which a log scale cannot show: drawn on a linear scale"
        return axis
      }
      let ticks = NiceTicks.log(lower: low ?? 1, upper: high ?? 10, maxCount: max(tickCount, 2))
      let lower = ticks.major.first ?? 1
      let upper = ticks.major.last ?? 10
      return Axis(
        mapping: .log, lower: lower, upper: upper, ticks: ticks.major,
        labels: TickLabels.log(ticks.major, format: format), minorTicks: ticks.minor)
    }
    if includeZero {
      low = min(low ?? 0, 0)
      high = max(high ?? 0, 0)
      if low == 0 && high == 0 { high = 1 }
    }
    if let padding = tight, let low, let high, high > low {
      // Span the data (plus `padding` of its range each side) with ticks inside it.
      let pad = (high - low) * padding
      if let ticks = NiceTicks.inside(lower: low - pad, upper: high + pad, count: tickCount, integer: integer) {
        return Axis(
          mapping: .linear, lower: low - pad, upper: high + pad, ticks: ticks.values,
          labels: TickLabels.linear(ticks.values, step: ticks.step, format: format))
      }
    }
    let ticks = NiceTicks.linear(lower: low ?? 0, upper: high ?? 1, count: tickCount, integer: integer)
    return Axis(
      mapping: .linear, lower: ticks.values.first ?? 0, upper: ticks.values.last ?? 1,
      ticks: ticks.values, labels: TickLabels.linear(ticks.values, step: ticks.step, format: format))
  }
}
