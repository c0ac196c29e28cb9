import Foundation

/// A format specification after `:` in an interpolation (`{acc:.2%}`), in `format(x, spec)`
/// and in `table(..., formats:)`: a subset of Python's mini-language,
/// `[[fill]align][sign][0][width][,|_][.precision][type]` with types `f e g % d s`.
public struct FormatSpec: Sendable, Equatable {
  /// Where padding goes.
  public enum Alignment: Character, Sendable {
    case left = "<"
    case right = ">"
    case center = "^"
  }

  /// The padding character.
  public var fill: Character = " "
  /// The alignment, or `nil` for the default (numbers right, text left).
  public var alignment: Alignment?
  /// `+` (always), `-` (negatives only) or space.
  public var sign: Character = "-"
  /// Pad numbers with zeros after the sign (`05d`).
  public var zeroPad = false
  /// The minimum width in characters.
  public var width = 0
  /// The thousands separator, if any (`,` or `_`).
  public var grouping: Character?
  /// Digits after the point (`f`, `e`, `%`) or significant digits (`g`, none).
  public var precision: Int?
  /// The presentation type: `f e g % d s`, or `nil`.
  public var type: Character?

  /// Parses a spec; throws a message naming the bad part.
  public init(_ text: String) throws {
    var chars = Array(text)
    var i = 0
    func peek(_ offset: Int = 0) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
    if let second = peek(1), let align = Alignment(rawValue: second) {
      fill = chars[0]
      alignment = align
      i = 2
    } else if let first = peek(), let align = Alignment(rawValue: first) {
      alignment = align
      i = 1
    }
    if let s = peek(), s == "+" || s == "-" || s == " " {
      sign = s
      i += 1
    }
    if peek() == "0" {
      zeroPad = true
      i += 1
    }
    var digits = ""
    while let c = peek(), c.isASCII, c.isNumber {
      digits.append(c)
      i += 1
    }
    if !digits.isEmpty {
      guard let w = Int(digits), w <= 1000 else { throw FormatSpecError(spec: text, reason: "width too large") }
      width = w
    }
    if let g = peek(), g == "," || g == "_" {
      grouping = g
      i += 1
    }
    if peek() == "." {
      i += 1
      var p = ""
      while let c = peek(), c.isASCII, c.isNumber {
        p.append(c)
        i += 1
      }
      guard let value = Int(p) else { throw FormatSpecError(spec: text, reason: "expected digits after '.'") }
      guard value <= 100 else { throw FormatSpecError(spec: text, reason: "precision too large") }
      precision = value
    }
    if let t = peek() {
      guard "fegds%".contains(t) else {
        throw FormatSpecError(spec: text, reason: "unknown format type '\(t)' (use f, e, g, %, d or s)")
      }
      type = t
      i += 1
    }
    if i != chars.count {
      chars = Array(chars[i...])
      throw FormatSpecError(spec: text, reason: "unexpected '\(String(chars))'")
    }
  }

  /// Formats a value; throws when the spec needs a number and the value is not one.
  public func format(_ value: Value) throws -> String {
    if case .number(let x) = value, type != "s" {
      return pad(try formatNumber(x), numeric: true)
    }
    if let type, type != "s" {
      throw FormatSpecError(spec: specText, reason: "format type '\(type)' needs a number, got \(value.typeName)")
    }
    var text = value.text
    if let precision, text.count > precision { text = String(text.prefix(precision)) }
    return pad(text, numeric: false)
  }

  /// The spec as written, for messages.
  var specText: String {
    var out = ""
    if let alignment { out += "\(fill)\(alignment.rawValue)" }
    if sign != "-" { out.append(sign) }
    if zeroPad { out += "0" }
    if width > 0 { out += String(width) }
    if let grouping { out.append(grouping) }
    if let precision { out += ".\(precision)" }
    if let type { out.append(type) }
    return out
  }

  private func formatNumber(_ x: Double) throws -> String {
    var body: String
    let magnitude = abs(x)
    switch type {
    case "f": body = fixed(magnitude, precision ?? 6)
    case "%": body = fixed(magnitude * 100, precision ?? 6) + "%"
    case "e": body = NumberFormatting.tidyExponent(String(format: "%.\(precision ?? 6)e", magnitude))
    case "g": body = NumberFormatting.general(magnitude, significant: precision ?? 6)
    case "d":
      guard x == x.rounded(), magnitude < NumberFormatting.integerLimit else {
        throw FormatSpecError(spec: specText, reason: "format type 'd' needs an integer, got \(NumberFormatting.plain(x))")
      }
      body = String(Int64(magnitude))
    default:
      body = precision.map { NumberFormatting.general(magnitude, significant: $0) } ?? NumberFormatting.plain(magnitude)
    }
    if x.isNaN { body = "nan" }
    if let grouping { body = group(body, with: grouping) }
    let negative = x < 0 || (x == 0 && x.sign == .minus && type != "d" && body != "0")
    let signText = negative ? "-" : (sign == "+" ? "+" : (sign == " " ? " " : ""))
    if zeroPad && alignment == nil && body.count + signText.count < width {
      return signText + String(repeating: "0", count: width - body.count - signText.count) + body
    }
    return signText + body
  }

  private func fixed(_ x: Double, _ digits: Int) -> String {
    if x.isInfinite { return "inf" }
    return String(format: "%.\(digits)f", x)
  }

  /// Inserts separators every three digits of the integer part.
  private func group(_ text: String, with separator: Character) -> String {
    let integerEnd = text.firstIndex { !($0.isASCII && $0.isNumber) } ?? text.endIndex
    let integer = Array(text[..<integerEnd])
    guard integer.count > 3 else { return text }
    var out = ""
    for (index, digit) in integer.enumerated() {
      if index > 0 && (integer.count - index) % 3 == 0 { out.append(separator) }
      out.append(digit)
    }
    return out + text[integerEnd...]
  }

  private func pad(_ text: String, numeric: Bool) -> String {
    let count = text.count
    guard count < width else { return text }
    let padding = width - count
    let fillText = { (n: Int) in String(repeating: String(fill), count: n) }
    switch alignment ?? (numeric ? .right : .left) {
    case .left: return text + fillText(padding)
    case .right: return fillText(padding) + text
    case .center: return fillText(padding / 2) + text + fillText(padding - padding / 2)
    }
  }
}

/// A format spec that cannot be parsed or does not fit the value.
public struct FormatSpecError: Error, Sendable, CustomStringConvertible {
  /// The spec as written.
  public var spec: String
  /// What is wrong.
  public var reason: String
  /// `bad format '.2q': unknown format type 'q' ...`.
  public var description: String { "bad format '\(spec)': \(reason)" }
}
