/// Escaping of text placed in markup: SVG (XML), and the HTML reports, which escape through here.
public enum XML {
  /// `text` safe inside an element or a quoted attribute.
  ///
  /// Besides the five markup characters, control characters that XML 1.0 forbids are
  /// replaced, so a label read from a file can never make the document ill-formed. Tabs and
  /// line breaks become spaces (an SVG label is one line) unless `keepingWhitespace` (HTML
  /// text such as a `<pre>` block).
  public static func escape(_ text: some StringProtocol, keepingWhitespace: Bool = false) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t", "\n", "\r": if keepingWhitespace { result.unicodeScalars.append(scalar) } else { result += " " }
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          result.unicodeScalars.append("\u{FFFD}")
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

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
