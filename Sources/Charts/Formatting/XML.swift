/// Escaping of text placed in markup: SVG (XML), and the HTML reports, which escape through here.
public enum XML {
  /// `text` safe inside an element or a quoted attribute.
  ///
  /// Besides the five markup characters, control characters that XML 1.0 forbids are
  /// replaced, so a label read from a file can never make the document ill-formed. Tabs and
  /// line breaks become spaces (an SVG label is one line) unless `keepingWhitespace` (HTML
  /// text such as a `<pre>` block).
  public static func escape(_ text: some StringProtocol, keepingWhitespace: Bool = false) -> String {
    Escaping.escape(text, keepingWhitespace ? markup : markupOnOneLine) { scalar in
      let forbidden = (scalar.value < 0x20 && !["\t", "\n", "\r"].contains(scalar)) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
      return forbidden ? "\u{FFFD}" : nil
    }
  }

  /// The five markup characters.
  static let markup: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
  /// The markup characters, and tabs and line breaks as spaces.
  static let markupOnOneLine = markup.merging(["\t": " ", "\n": " ", "\r": " "]) { $1 }

  /// `id` reduced to letters, digits, `-` and `_`, starting with a letter, so it is a valid
  /// XML name and a valid CSS/URL fragment.
  static func identifier(_ id: String) -> String {
    var result = ""
    for scalar in id.unicodeScalars {
      let isSafe = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        || (scalar >= "0" && scalar <= "9") || scalar == "-" || scalar == "_"
      result.unicodeScalars.append(isSafe ? scalar : "_")
    }
    if let first = result.unicodeScalars.first, (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") {
      return result
    }
    return "c" + result
  }
}
