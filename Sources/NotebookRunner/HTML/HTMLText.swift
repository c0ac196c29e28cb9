/// Escaping for text placed in HTML: every string from a notebook or a run goes through here.
enum HTMLText {
  /// Escapes `& < > " '` so the text can sit in element content or a quoted attribute.
  static func escape<S: StringProtocol>(_ text: S) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }
}
