/// Renders runs of top-level Markdown blocks to ``Prose``: safe HTML, heading ids, cross-reference
/// slots, and pipe tables (``PipeTable``), which CommonMark alone reads as paragraphs.
struct ProseRenderer {
  /// Marks a reference in cmark text so it survives rendering; private-use characters that the
  /// parser removes from notebook text beforehand, so they cannot be forged.
  static let referenceStart: Character = "\u{E000}"
  /// Ends a marked reference.
  static let referenceEnd: Character = "\u{E001}"

  /// Heading ids handed out so far in this notebook, to keep them unique.
  private var usedIDs: Set<String> = []
  /// The lines of the Markdown the nodes were parsed from (for the source of paragraphs).
  private let sourceLines: [Substring]

  /// A renderer for nodes parsed from `source`.
  init(source: String) {
    sourceLines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
  }

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
      if node.kind == .paragraph, let table = pipeTable(in: node) {
        rendered = table
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

  /// The HTML of a paragraph that holds a pipe table (with any prose before it), or nil.
  private func pipeTable(in paragraph: MarkdownNode) -> String? {
    let first = paragraph.startLine - 1, last = paragraph.endLine - 1
    guard first >= 0, last < sourceLines.count, first < last, sourceLines[first...last].contains(where: { $0.contains("|") }),
      let (before, table) = PipeTable.find(in: sourceLines[first...last].map(String.init))
    else { return nil }
    var html = ""
    if !before.isEmpty {
      let document = MarkdownDocument(parsing: before.joined(separator: "\n"))
      for node in document.topLevelBlocks {
        markReferences(under: node)
        html += node.html
      }
    }
    func style(_ column: Int) -> String {
      switch table.alignments[column] {
      case .none: ""
      case .left: " style=\"text-align: left\""
      case .center: " style=\"text-align: center\""
      case .right: " style=\"text-align: right\""
      }
    }
    html += "<div class=\"table-scroll\"><table class=\"prose\">\n<thead>\n<tr>"
    for (column, cell) in table.header.enumerated() { html += "<th\(style(column))>\(inlineHTML(cell))</th>" }
    html += "</tr>\n</thead>\n"
    if !table.rows.isEmpty {
      html += "<tbody>\n"
      for row in table.rows {
        html += "<tr>"
        for (column, cell) in row.enumerated() { html += "<td\(style(column))>\(inlineHTML(cell))</td>" }
        html += "</tr>\n"
      }
      html += "</tbody>\n"
    }
    return html + "</table></div>\n"
  }

  /// A table cell's Markdown as inline HTML: emphasis, code, links and references render;
  /// text that would make a block (a list marker, a heading mark) stays as text.
  private func inlineHTML(_ markdown: String) -> String {
    let document = MarkdownDocument(parsing: markdown)
    let blocks = document.topLevelBlocks
    guard blocks.count == 1, blocks[0].kind == .paragraph else { return HTMLText.escape(markdown) }
    markReferences(under: blocks[0])
    var html = Substring(blocks[0].html)
    if html.hasPrefix("<p>") { html = html.dropFirst(3) }
    while html.hasSuffix("\n") { html = html.dropLast() }
    if html.hasSuffix("</p>") { html = html.dropLast(4) }
    return String(html)
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
  ///
  /// Works on Unicode scalars: the markers are single scalars, and scanning scalars
  /// avoids grapheme breaking over whole pages.
  static func fragments(of html: String) -> [ProseFragment] {
    var fragments: [ProseFragment] = []
    let scalars = html.unicodeScalars
    var rest = scalars[...]
    while let start = rest.firstIndex(of: startScalar),
      let end = rest[start...].firstIndex(of: endScalar)
    {
      if start > rest.startIndex { fragments.append(.html(String(rest[..<start]))) }
      fragments.append(.reference(label: String(rest[scalars.index(after: start)..<end])))
      rest = rest[scalars.index(after: end)...]
    }
    if !rest.isEmpty { fragments.append(.html(String(rest))) }
    return fragments
  }

  /// `text` with any marker characters replaced by U+FFFD, so notebook text cannot forge a reference.
  static func removingMarkers(from text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0 == startScalar || $0 == endScalar }) else { return text }
    var cleaned = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      cleaned.append(scalar == startScalar || scalar == endScalar ? "\u{FFFD}" : scalar)
    }
    return String(cleaned)
  }

  private static let startScalar: Unicode.Scalar = "\u{E000}"
  private static let endScalar: Unicode.Scalar = "\u{E001}"

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
