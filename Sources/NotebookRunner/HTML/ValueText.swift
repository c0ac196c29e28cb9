import Kernel

/// Parameter values written the way the language writes them, for the report footer and messages.
enum ValueText {
  /// `3`, `0.05`, `"quick"`, `[1, 2]`, `{a: 1}`.
  static func format(_ value: Value) -> String {
    switch value {
    case .none: return "none"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return PlainNumber.format(number)
    case .string(let text): return quoted(text)
    case .list(let items): return "[" + items.map(format).joined(separator: ", ") + "]"
    case .record(let record):
      return "{" + record.fields.map { "\($0.key): \(format($0.value))" }.joined(separator: ", ") + "}"
    default:
      // Functions and domain objects never come from YAML; name them rather than fail.
      return "<\(String(describing: value).prefix(40))>"
    }
  }

  /// A string literal with `"` and `\` escaped.
  static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}

/// Numbers for people: integral values without a fraction, others in their shortest exact form.
enum PlainNumber {
  /// `3`, `0.05`, `1e-05`, `nan`, `inf`.
  static func format(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return "\(number)"
  }
}
