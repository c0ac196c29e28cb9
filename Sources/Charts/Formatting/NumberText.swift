import Foundation

/// Locale-free, deterministic number to text conversions.
///
/// Charts must be byte-identical from run to run and machine to machine, so numbers are
/// written with integer arithmetic instead of `String(format:)` (locale) or `description`
/// (switches to exponent notation at arbitrary magnitudes).
enum NumberText {
  /// The largest magnitude written with plain digits; beyond it `Int64` would overflow.
  private static let plainLimit = 9.0e15

  /// `value` with exactly `decimals` fraction digits (0...15), trailing zeros kept or trimmed.
  static func fixed(_ value: Double, decimals: Int, trimZeros: Bool = false, minus: String = "-") -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? minus + "∞" : "∞") }
    let places = min(max(decimals, 0), 15)
    let scaled = (abs(value) * power10(places)).rounded()
    guard scaled < plainLimit else { return scientific(value, significant: 3, minus: minus) }
    var digits = String(Int64(scaled))
    if places > 0 {
      if digits.count <= places {
        digits = String(repeating: "0", count: places - digits.count + 1) + digits
      }
      let split = digits.index(digits.endIndex, offsetBy: -places)
      var fraction = String(digits[split...])
      if trimZeros {
        while fraction.hasSuffix("0") { fraction.removeLast() }
      }
      digits = String(digits[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
    }
    // A value that rounds to zero is written without a sign: "-0" reads as a bug.
    let isZero = scaled == 0
    return (value < 0 && !isZero ? minus : "") + digits
  }

  /// A coordinate: at most two decimals, trailing zeros trimmed, clamped to a sane range.
  static func coordinate(_ value: Double) -> String {
    let safe = value.isFinite ? min(max(value, -1e7), 1e7) : 0
    return fixed(safe, decimals: 2, trimZeros: true)
  }

  /// `value` with `significant` significant digits, plain when reasonable, else `1.5e-7`.
  static func significant(_ value: Double, _ significant: Int = 4, minus: String = "-") -> String {
    guard value.isFinite else { return fixed(value, decimals: 0, minus: minus) }
    if value == 0 { return "0" }
    let digits = max(significant, 1)
    let magnitude = abs(value)
    guard magnitude >= 1e-4, magnitude < 1e15 else {
      return scientific(value, significant: digits, minus: minus)
    }
    let exponent = Int(magnitude.log10Floor)
    let places = digits - 1 - exponent
    if places < 0 {
      // Round away the digits left of the point too: 1234567 to 4 digits is 1235000.
      let unit = NumberText.power10(-places)
      return fixed((value / unit).rounded() * unit, decimals: 0, minus: minus)
    }
    return fixed(value, decimals: places, trimZeros: true, minus: minus)
  }

  /// `value` as mantissa and exponent, `2.5e-5`, mantissa trimmed of trailing zeros.
  static func scientific(_ value: Double, significant: Int, minus: String = "-") -> String {
    guard value.isFinite else { return fixed(value, decimals: 0, minus: minus) }
    if value == 0 { return "0" }
    var exponent = Int(abs(value).log10Floor)
    let places = min(max(significant - 1, 0), 15)
    var mantissa = abs(value) / tenTo(exponent)
    // Rounding 9.99 to two digits gives 10.0: carry into the exponent.
    if (mantissa * power10(places)).rounded() >= 10 * power10(places) {
      exponent += 1
      mantissa /= 10
    }
    let body = fixed(mantissa, decimals: places, trimZeros: true)
    let exponentText = exponent < 0 ? minus + String(-exponent) : String(exponent)
    return (value < 0 ? minus : "") + body + "e" + exponentText
  }

  /// `10^n` for small non-negative `n`, exact for n <= 22.
  static func power10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<max(n, 0) { result *= 10 }
    return result
  }

  /// `10^n` for any integer `n`, through exact powers so `tenTo(-3)` is the double nearest 0.001.
  static func tenTo(_ n: Int) -> Double {
    if n >= 0 { return n <= 22 ? power10(n) : pow10Fallback(n) }
    return -n <= 22 ? 1 / power10(-n) : pow10Fallback(n)
  }

  private static func pow10Fallback(_ n: Int) -> Double {
    var result = 1.0
    if n > 0 {
      for _ in 0..<min(n, 400) { result *= 10 }
    } else {
      for _ in 0..<min(-n, 400) { result /= 10 }
    }
    return result
  }

  /// Inserts `separator` between groups of three integer digits: `1234567.5` -> `1,234,567.5`.
  static func grouped(_ text: String, separator: String = ",") -> String {
    var sign = ""
    var body = Substring(text)
    if let first = body.first, !first.isNumber {
      sign = String(first)
      body = body.dropFirst()
    }
    let integerEnd = body.firstIndex(of: ".") ?? body.endIndex
    let integer = Array(body[..<integerEnd])
    guard integer.allSatisfy({ $0.isNumber }) else { return text }
    var result = ""
    for (index, digit) in integer.enumerated() {
      if index > 0 && (integer.count - index) % 3 == 0 { result += separator }
      result.append(digit)
    }
    return sign + result + body[integerEnd...]
  }
}

extension Double {
  /// `floor(log10(self))` for positive finite values, corrected for the rounding of `log10`.
  var log10Floor: Double {
    guard isFinite, self > 0 else { return 0 }
    var exponent = Foundation.floor(Foundation.log10(self))
    // log10(1000) may come out as 2.9999999999999996 on some libms.
    if NumberText.tenTo(Int(exponent) + 1) <= self { exponent += 1 }
    if NumberText.tenTo(Int(exponent)) > self { exponent -= 1 }
    return exponent
  }
}

extension Int {
  /// `value` rounded toward zero and clamped to the `Int` range; NaN becomes 0.
  ///
  /// For indices computed from data, where `Int(_:)` would trap on NaN or overflow.
  init(saturating value: Double) {
    if value.isNaN {
      self = 0
    } else if value >= 9.2e18 {
      self = Int.max
    } else if value <= -9.2e18 {
      self = Int.min
    } else {
      self = Int(value)
    }
  }
}
