import Foundation

/// Turns notebook files into ``Notebook`` values: front matter, prose through cmark, `lab` cells with options.
public enum NotebookParser {
  /// The info string that makes a fenced code block a cell that runs.
  public static let cellLanguage = "lab"

  /// Reads and parses the notebook at `path`.
  ///
  /// - Throws: ``NotebookError`` when the file is missing, unreadable, not UTF-8, empty,
  ///   has malformed front matter or cell options, or has no `lab` cells.
  public static func load(path: String) throws(NotebookError) -> Notebook {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw NotebookError("no such notebook", file: path)
    }
    guard !isDirectory.boolValue else { throw NotebookError("is a folder, not a notebook file", file: path) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw NotebookError("cannot read the file (permissions?)", file: path)
    }
    return try parse(data: data, path: path)
  }

  /// Parses notebook bytes; `path` is used in messages.
  public static func parse(data: Data, path: String) throws(NotebookError) -> Notebook {
    let text: String
    switch UTF8Check.decode(data) {
    case .success(let decoded): text = decoded
    case .failure(let position):
      throw NotebookError(
        "the notebook is not UTF-8 text (invalid byte 0x\(String(format: "%02X", position.byte)))",
        file: path, line: position.line, column: position.column)
    }
    return try parse(text, path: path)
  }

  /// Parses notebook text; `path` is used in messages.
  public static func parse(_ text: String, path: String) throws(NotebookError) -> Notebook {
    // The line endings cmark knows; "\r\n" is one Character.
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
      .map(String.init)
    guard lines.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
      throw NotebookError("the notebook is empty", file: path)
    }

    var frontMatter = FrontMatter()
    if lines.first?.trimmingCharacters(in: .whitespaces) == "---" {
      guard let close = lines.indices.dropFirst().first(where: { isFrontMatterEnd(lines[$0]) }) else {
        throw NotebookError("front matter: not closed (a '---' line must end it)", file: path, line: 1, column: 1)
      }
      let yaml = lines[1..<close].joined(separator: "\n")
      frontMatter = try FrontMatterParser.parse(yaml, firstLine: 2, file: path)
      // Blank lines in place of the front matter keep cmark's line numbers equal to the file's.
      for index in 0...close { lines[index] = "" }
    }

    // The markers of cross references must not come from the notebook itself.
    let body = ProseRenderer.removingMarkers(from: lines.joined(separator: "\n"))
    let document = MarkdownDocument(parsing: body)

    for node in document.allNodes where node.kind == .codeBlock && isCell(node) && !node.isTopLevel {
      throw NotebookError(
        "a '\(cellLanguage)' cell must be at the top level of the notebook, not inside a list or block quote",
        file: path, line: node.startLine, column: node.startColumn)
    }

    var blocks: [Notebook.Block] = []
    var pendingProse: [MarkdownNode] = []
    var prose = ProseRenderer(source: body)
    func flushProse() {
      guard !pendingProse.isEmpty else { return }
      blocks.append(.prose(prose.render(pendingProse)))
      pendingProse = []
    }
    var cellCount = 0
    var labelLines: [String: Int] = [:]
    for node in document.topLevelBlocks {
      guard node.kind == .codeBlock, isCell(node) else {
        pendingProse.append(node)
        continue
      }
      flushProse()
      var source = node.literal
      if source.hasSuffix("\n") { source.removeLast() }
      let line = node.startLine + 1
      let column = node.startColumn
      let options = try CellOptionParser.parse(source, line: line, column: column, file: path)
      if let label = options.label {
        if let first = labelLines[label] {
          throw NotebookError(
            "label '\(label)' is already used by the cell at line \(first)", file: path,
            line: labelOptionLine(in: source, firstLine: line), column: column)
        }
        labelLines[label] = line
      }
      blocks.append(.cell(CodeCell(index: cellCount, source: source, line: line, column: column, options: options)))
      cellCount += 1
    }
    flushProse()

    guard cellCount > 0 else {
      throw NotebookError(
        "the notebook has no cells (fenced code blocks marked ```\(cellLanguage))", file: path)
    }
    return Notebook(path: path, frontMatter: frontMatter, blocks: blocks)
  }

  /// The notebook line of a cell's `#| label:` option.
  private static func labelOptionLine(in source: String, firstLine: Int) -> Int {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let offset = lines.firstIndex {
      CellOptionParser.isOptionLine($0) && $0.replacingOccurrences(of: " ", with: "").hasPrefix("#|label:")
    }
    return firstLine + (offset ?? 0)
  }

  /// Whether a line closes front matter (`---`, or YAML's document end `...`).
  private static func isFrontMatterEnd(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed == "---" || trimmed == "..."
  }

  /// Whether a code block is a `lab` cell: the first word of its info string.
  private static func isCell(_ node: MarkdownNode) -> Bool {
    node.fenceInfo.split(whereSeparator: \.isWhitespace).first == Substring(cellLanguage)
  }
}
