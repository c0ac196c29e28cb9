/// Renders runs of top-level Markdown blocks to ``Prose``: safe HTML, heading ids, cross-reference slots.
struct ProseRenderer {
  /// Marks a reference in cmark text so it survives rendering; private-use characters that the
  /// parser removes from notebook text beforehand, so they cannot be forged.
  static let referenceStart: Character = "\u{E000}"
  /// Ends a marked reference.
  static let referenceEnd: Character = "\u{E001}"

  /// Heading ids handed out so far in this notebook, to keep them unique.
  private var usedIDs: Set<String> = []

  /// Renders `nodes` (consecutive top-level blocks of one document).
  mutating func render(_ nodes: [MarkdownNode]) -> Prose {
    var html = ""
    var headings: [Heading] = []
    for node in nodes {
      markReferences(under: node)
      var rendered = node.html
      if node.kind == .codeBlock, node.fenceInfo.split(whereSeparator: \.isWhitespace).first == "lab" {
        // `lab` examples that are not cells (the reference page) get the cells' highlighting.
        var code = node.literal
        if code.hasSuffix("\n") { code.removeLast() }
        rendered = "<pre class=\"code hl\"><code>\(LabHighlighter.highlight(code))</code></pre>\n"
      }
      if node.kind == .heading {
        let level = node.headingLevel
        let text = node.plainText
        let id = uniqueID(for: text)
        headings.append(Heading(level: level, text: text, id: id))
        // cmark writes a heading as exactly `<hN>`; give it the id the table of contents links to.
        let open = "<h\(level)>"
        if rendered.hasPrefix(open) {
          rendered = "<h\(level) id=\"\(id)\">" + rendered.dropFirst(open.count)
        }
      }
      html += rendered
    }
    return Prose(fragments: Self.fragments(of: html), headings: headings)
  }

  /// Wraps every `@tbl-x` / `@fig-x` in text under `node` in marker characters.
  private func markReferences(under node: MarkdownNode) {
    for text in node.descendants where text.kind == .text && !text.isInsideLinkOrImage {
      let literal = text.literal
      let references = CrossReferenceSyntax.references(in: literal)
      guard !references.isEmpty else { continue }
      var marked = ""
      var position = literal.startIndex
      for reference in references {
        marked += literal[position..<reference.range.lowerBound]
        marked += "\(Self.referenceStart)\(reference.label)\(Self.referenceEnd)"
        position = reference.range.upperBound
      }
      marked += literal[position...]
      text.literal = marked
    }
  }

  /// Splits rendered HTML at the reference markers.
  static func fragments(of html: String) -> [ProseFragment] {
    var fragments: [ProseFragment] = []
    var rest = html[...]
    while let start = rest.firstIndex(of: referenceStart),
      let end = rest[start...].firstIndex(of: referenceEnd)
    {
      if start > rest.startIndex { fragments.append(.html(String(rest[..<start]))) }
      fragments.append(.reference(label: String(rest[rest.index(after: start)..<end])))
      rest = rest[rest.index(after: end)...]
    }
    if !rest.isEmpty { fragments.append(.html(String(rest))) }
    return fragments
  }

  /// A `sec-…` id from heading text, unique within the notebook.
  private mutating func uniqueID(for text: String) -> String {
    var slug = ""
    for character in text.lowercased() {
      if character.isASCII, character.isLetter || character.isNumber {
        slug.append(character)
      } else if !slug.isEmpty, slug.last != "-" {
        slug.append("-")
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    let base = "sec-" + (slug.isEmpty ? "section" : slug)
    var id = base
    var counter = 2
    while usedIDs.contains(id) {
      id = "\(base)-\(counter)"
      counter += 1
    }
    usedIDs.insert(id)
    return id
  }
}
