import Foundation

/// How the language prints numbers when no format is given.
public enum NumberFormatting {
  /// Integral values below this magnitude print as integers (`3`, not `3.0`).
  static let integerLimit = 1e16

  /// `3`, `0.333333`, `1.5e-7`, `inf`, `nan`: integers exactly, other values with up to 6 significant digits.
  public static func plain(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == x.rounded(), abs(x) < integerLimit {
      return x == 0 ? "0" : String(Int64(x))
    }
    return general(x, significant: 6)
  }

  /// `%g` with `precision` significant digits, with a tidy exponent (`1e-7`, not `1e-07`).
  public static func general(_ x: Double, significant: Int) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let text = String(format: "%.\(max(1, significant))g", x)
    return tidyExponent(text)
  }

  /// `1.5e-07` -> `1.5e-7`, `2e+20` -> `2e20`.
  public static func tidyExponent(_ text: String) -> String {
    guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
    let mantissa = text[..<e]
    var exponent = text[text.index(after: e)...]
    var sign = ""
    if exponent.first == "-" {
      sign = "-"
      exponent = exponent.dropFirst()
    } else if exponent.first == "+" {
      exponent = exponent.dropFirst()
    }
    let digits = exponent.drop { $0 == "0" }
    return "\(mantissa)\(text[e])\(sign)\(digits.isEmpty ? "0" : String(digits))"
  }
}
