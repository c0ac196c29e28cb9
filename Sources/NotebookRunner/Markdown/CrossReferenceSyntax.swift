/// How labels and `@label` references are written in notebooks.
enum CrossReferenceSyntax {
  /// Characters allowed in a label after its `tbl-` / `fig-` prefix.
  static func isLabelCharacter(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
  }

  /// Whether `text` is a valid label: `tbl-` or `fig-`, then letters, digits, `-`, `_`, ending in a letter or digit.
  static func isLabel(_ text: String) -> Bool {
    guard FloatKind(label: text) != nil else { return false }
    let name = text.dropFirst(4)
    guard let last = name.last, last != "-", last != "_" else { return false }
    return name.allSatisfy(isLabelCharacter)
  }

  /// The `@tbl-x` / `@fig-x` references in a text, as (range of `@label`, label).
  static func references(in text: String) -> [(range: Range<String.Index>, label: String)] {
    var found: [(range: Range<String.Index>, label: String)] = []
    var index = text.startIndex
    while let at = text[index...].firstIndex(of: "@") {
      index = text.index(after: at)
      // An '@' inside a word (an e-mail address) is not a reference.
      if at > text.startIndex {
        let previous = text[text.index(before: at)]
        if previous.isLetter || previous.isNumber || previous == "_" { continue }
      }
      let rest = text[index...]
      guard rest.hasPrefix("tbl-") || rest.hasPrefix("fig-") else { continue }
      var end = rest.index(rest.startIndex, offsetBy: 4)
      while end < text.endIndex, isLabelCharacter(text[end]) { end = text.index(after: end) }
      // A sentence may end right after the label: "see @fig-loss-." keeps "fig-loss".
      while end > index, text[text.index(before: end)] == "-" || text[text.index(before: end)] == "_" {
        end = text.index(before: end)
      }
      let label = String(text[index..<end])
      guard isLabel(label) else { continue }
      found.append((at..<end, label))
      index = end
    }
    return found
  }
}
