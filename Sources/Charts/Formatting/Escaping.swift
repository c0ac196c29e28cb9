/// The loop every escaper of the project shares: text for another language, one Unicode
/// scalar at a time. Each language (XML and HTML, JSON, `lab` string literals) keeps its own
/// table of replacements beside its own rules.
public enum Escaping {
  /// `text` with each scalar found in `table` replaced by its entry, and each other scalar
  /// replaced by `other(scalar)` when that is not `nil`.
  public static func escape(
    _ text: some StringProtocol, _ table: [Unicode.Scalar: String],
    other: (Unicode.Scalar) -> String? = { _ in nil }
  ) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if let replacement = table[scalar] ?? other(scalar) {
        result += replacement
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The escapes shared by C-like string literals (JSON, `lab`): quote, backslash, line breaks, tab.
  public static let stringLiteral: [Unicode.Scalar: String] = [
    "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
  ]
}
