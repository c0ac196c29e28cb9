/// Writes the labels of a set of ticks so they read as a family: same decimals, one suffix.
enum TickLabels {
  /// The typographic minus, so negative labels line up with positive ones.
  static let minus = "\u{2212}"

  /// Labels of linear ticks `values` spaced `step` apart, in `format`.
  static func linear(_ values: [Double], step: Double, format: ChartSpec.NumberFormat) -> [String] {
    let maxMagnitude = values.map { abs($0) }.max() ?? 0
    let safeStep = step.isFinite && step > 0 ? step : 1
    switch format {
    case .percent:
      let places = max(decimalsOf(step: safeStep * 100), 0)
      return values.map { NumberText.fixed($0 * 100, decimals: places, minus: minus) + "%" }
    case .grouped:
      let places = decimalsOf(step: safeStep)
      return values.map { NumberText.grouped(NumberText.fixed($0, decimals: places, minus: minus)) }
    case .scientific:
      return values.map { NumberText.scientific($0, significant: 3, minus: minus) }
    case .automatic:
      if maxMagnitude >= 1e4 {
        let (unit, suffix) = siUnit(for: maxMagnitude)
        let places = decimalsOf(step: safeStep / unit)
        return values.map { value in
          value == 0 ? "0" : NumberText.fixed(value / unit, decimals: places, minus: minus) + suffix
        }
      }
      if maxMagnitude > 0 && maxMagnitude < 1e-3 {
        return values.map { NumberText.scientific($0, significant: 3, minus: minus) }
      }
      let places = decimalsOf(step: safeStep)
      return values.map { NumberText.fixed($0, decimals: places, minus: minus) }
    }
  }

  /// Labels of powers of ten on a log axis: each written on its own terms.
  static func log(_ values: [Double], format: ChartSpec.NumberFormat) -> [String] {
    values.map { value in
      switch format {
      case .percent:
        return NumberText.significant(value * 100, 3, minus: minus) + "%"
      case .grouped:
        return NumberText.grouped(NumberText.significant(value, 3, minus: minus))
      case .scientific:
        return NumberText.scientific(value, significant: 3, minus: minus)
      case .automatic:
        // Powers of ten switch to suffixes from 1000 on, so 1k sits beside 10k, not 1000.
        if value >= 1000 && value < 1e15 {
          let (unit, suffix) = siUnit(for: value)
          return NumberText.significant(value / unit, 3, minus: minus) + suffix
        }
        return compact(value)
      }
    }
  }

  /// One number on its own, short: `0.25`, `12.5k`, `3M`, `2e-5` (3 significant digits).
  static func compact(_ value: Double, format: ChartSpec.NumberFormat = .automatic) -> String {
    guard value.isFinite else { return NumberText.fixed(value, decimals: 0, minus: minus) }
    let magnitude = abs(value)
    switch format {
    case .percent:
      return NumberText.significant(value * 100, 3, minus: minus) + "%"
    case .grouped:
      return NumberText.grouped(NumberText.significant(value, max(3, Int(max(magnitude, 1).log10Floor) + 1), minus: minus))
    case .scientific:
      return NumberText.scientific(value, significant: 3, minus: minus)
    case .automatic:
      if magnitude >= 1e4 && magnitude < 1e15 {
        let (unit, suffix) = siUnit(for: magnitude)
        return NumberText.significant(value / unit, 3, minus: minus) + suffix
      }
      return NumberText.significant(value, 3, minus: minus)
    }
  }

  /// Fraction digits that a step of `step` needs: 0.25 -> 2, 20 -> 0.
  static func decimalsOf(step: Double) -> Int {
    guard step.isFinite, step > 0 else { return 0 }
    // Steps are 1, 2 or 5 times a power of ten, or 2.5 for percent: find the first
    // number of places at which the step is an integer.
    for places in 0...15 {
      let scaled = step * NumberText.power10(places)
      if abs(scaled - scaled.rounded()) < 1e-6 * max(scaled, 1) { return places }
    }
    return 15
  }

  /// The SI unit and suffix for numbers up to `magnitude`: 1e3 "k", 1e6 "M", 1e9 "G", 1e12 "T".
  static func siUnit(for magnitude: Double) -> (Double, String) {
    if magnitude >= 1e12 { return (1e12, "T") }
    if magnitude >= 1e9 { return (1e9, "G") }
    if magnitude >= 1e6 { return (1e6, "M") }
    return (1e3, "k")
  }
}
