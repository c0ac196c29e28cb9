import Foundation

/// Tick positions that read well: 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers
/// for graph labels", Graphics Gems, 1990), and powers of ten on log axes.
enum NiceTicks {
  /// Ticks of a linear axis; the axis spans from the first tick to the last.
  struct Linear: Equatable {
    /// Tick values, ascending, evenly spaced by `step`, cleaned of binary noise.
    var values: [Double]
    /// The spacing of the ticks.
    var step: Double
  }

  /// Ticks of a log axis; the axis spans from the first major tick to the last.
  struct Log: Equatable {
    /// Labelled powers of ten, ascending.
    var major: [Double]
    /// Unlabelled ticks between them (2...9 times each power, or skipped decades).
    var minor: [Double]
  }

  /// The largest magnitude handled; beyond it the spans of ranges overflow.
  private static let limit = 1e300

  /// Heckbert's nice number near `x`: rounded (1, 2, 5, 10) or not below it (ceiling).
  static func niceNumber(_ x: Double, round: Bool) -> Double {
    guard x.isFinite, x > 0 else { return 1 }
    let exponent = Int(x.log10Floor)
    let base = NumberText.tenTo(exponent)
    let fraction = x / base
    let nice: Double
    if round {
      nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return nice * base
  }

  /// About `count` nice ticks covering `lower...upper` (loose labelling: the ticks enclose the data).
  ///
  /// Non-finite bounds become 0...1; an empty range is widened around its value;
  /// `integer` keeps the step at 1 or more (counts).
  static func linear(lower: Double, upper: Double, count: Int, integer: Bool = false) -> Linear {
    var low = lower.isFinite ? min(max(lower, -limit), limit) : 0
    var high = upper.isFinite ? min(max(upper, -limit), limit) : 1
    if low > high { swap(&low, &high) }
    let magnitude = max(abs(low), abs(high))
    if high - low <= magnitude * 1e-12 {
      // One value: centre it in a span of ±10 % (or ±1 around zero).
      let pad = magnitude == 0 ? 1 : magnitude * 0.1
      low -= pad
      high += pad
      if integer && lower >= 0 && upper >= 0 { low = max(low, 0) }
    }
    let ticks = max(count, 2)
    let range = niceNumber(high - low, round: false)
    var step = niceNumber(range / Double(ticks - 1), round: true)
    if integer { step = max(step, 1) }
    // A tolerance keeps 0.6 / 0.2 = 2.9999999999999996 from adding a tick below the data.
    let first = Foundation.floor(low / step + 1e-9)
    let last = Foundation.ceil(high / step - 1e-9)
    guard last - first <= 200, last >= first else {
      return Linear(values: [low, high], step: high - low)
    }
    let places = TickLabels.decimalsOf(step: step)
    let values = stride(from: first, through: last, by: 1).map { index in
      clean(index * step, places: places)
    }
    return Linear(values: values.count >= 2 ? values : [values[0], clean((first + 1) * step, places: places)], step: step)
  }

  /// About `count` nice ticks inside `lower...upper`, for an axis that spans exactly the data
  /// (line charts over epochs should start at the first epoch, not at a rounder number).
  ///
  /// `nil` when the range is empty or fewer than two ticks would fall inside it.
  static func inside(lower: Double, upper: Double, count: Int, integer: Bool = false) -> Linear? {
    guard lower.isFinite, upper.isFinite, upper > lower, abs(lower) < limit, abs(upper) < limit,
      upper - lower > max(abs(lower), abs(upper)) * 1e-12
    else { return nil }
    var step = niceNumber((upper - lower) / Double(max(count - 1, 1)), round: true)
    if integer { step = max(step, 1) }
    let first = Foundation.ceil(lower / step - 1e-9)
    let last = Foundation.floor(upper / step + 1e-9)
    guard last - first >= 1, last - first <= 200 else { return nil }
    let places = TickLabels.decimalsOf(step: step)
    return Linear(values: stride(from: first, through: last, by: 1).map { clean($0 * step, places: places) }, step: step)
  }

  /// Powers of ten covering `lower...upper` (both positive), at most about `maxCount` labelled.
  static func log(lower: Double, upper: Double, maxCount: Int) -> Log {
    let low = lower.isFinite && lower > 0 ? max(lower, 1e-300) : 1
    let high = upper.isFinite && upper > 0 ? min(max(upper, low), limit) : max(low, 10)
    var lowExponent = Int(low.log10Floor)
    var highExponent = Int(high.log10Floor)
    if NumberText.tenTo(highExponent) < high { highExponent += 1 }
    if lowExponent == highExponent {
      lowExponent -= 1
      highExponent += 1
    }
    let decades = highExponent - lowExponent
    let strideLength = max(1, Int((Double(decades) / Double(max(maxCount - 1, 1))).rounded(.up)))
    lowExponent = Int((Double(lowExponent) / Double(strideLength)).rounded(.down)) * strideLength
    highExponent = Int((Double(highExponent) / Double(strideLength)).rounded(.up)) * strideLength
    let major = stride(from: lowExponent, through: highExponent, by: strideLength).map { NumberText.tenTo($0) }
    var minor: [Double] = []
    if strideLength == 1 && decades <= 6 {
      for exponent in lowExponent..<highExponent {
        let base = NumberText.tenTo(exponent)
        for multiple in 2...9 { minor.append(Double(multiple) * base) }
      }
    } else if strideLength > 1 {
      for exponent in lowExponent...highExponent where (exponent - lowExponent) % strideLength != 0 {
        minor.append(NumberText.tenTo(exponent))
      }
    }
    return Log(major: major, minor: minor)
  }

  /// `value` rounded to `places` decimals, so 3 × 0.1 is stored as 0.3.
  private static func clean(_ value: Double, places: Int) -> Double {
    guard places > 0, places <= 15 else { return value == 0 ? 0 : value }
    let scale = NumberText.power10(places)
    let cleaned = (value * scale).rounded() / scale
    return cleaned == 0 ? 0 : cleaned  // no -0
  }
}
