import Foundation

/// A GitHub-style pipe table written in prose, which plain CommonMark reads as a paragraph.
///
/// The rules are GitHub's: a header row, then a delimiter row of `---` cells (a colon on
/// the left, the right or both sets the column's alignment) with as many cells as the
/// header, then body rows up to the end of the paragraph (the first blank line). Leading and
/// trailing pipes are optional; `\|` is a pipe inside a cell. Body rows with fewer cells are
/// padded with empty ones, extra cells are dropped.
struct PipeTable: Equatable {
  /// How a column's cells are aligned.
  enum Alignment: Equatable {
    case none, left, center, right
  }

  var header: [String]
  var alignments: [Alignment]
  var rows: [[String]]

  /// Finds a table in the lines of one paragraph: the lines before its header row (prose
  /// that the table interrupts) and the table, or nil when the lines hold no table.
  static func find(in lines: [String]) -> (before: [String], table: PipeTable)? {
    guard lines.count >= 2 else { return nil }
    for index in 0..<(lines.count - 1) {
      guard lines[index].contains("|"), let alignments = delimiterRow(lines[index + 1]) else { continue }
      let header = cells(of: lines[index])
      guard header.count == alignments.count else { continue }
      let rows = lines[(index + 2)...].map { line -> [String] in
        let row = cells(of: line)
        return Array(row.prefix(header.count)) + Array(repeating: "", count: max(0, header.count - row.count))
      }
      return (Array(lines[..<index]), PipeTable(header: header, alignments: alignments, rows: rows))
    }
    return nil
  }

  /// The alignments of a delimiter row (`| :--- | ---: |`), or nil if the line is not one.
  static func delimiterRow(_ line: String) -> [Alignment]? {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    // Without a pipe, `---` is a thematic break or a heading underline, not a table.
    guard trimmed.contains("|") || trimmed.contains(":") else { return nil }
    var alignments: [Alignment] = []
    for cell in cells(of: line) {
      var dashes = Substring(cell)
      let left = dashes.hasPrefix(":")
      let right = dashes.hasSuffix(":")
      if left { dashes = dashes.dropFirst() }
      if right && !dashes.isEmpty { dashes = dashes.dropLast() }
      guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
      alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
    }
    return alignments.isEmpty ? nil : alignments
  }

  /// The cells of a row, trimmed, with optional outer pipes removed and `\|` unescaped.
  static func cells(of line: String) -> [String] {
    var text = Substring(line.trimmingCharacters(in: .whitespaces))
    if text.hasPrefix("|") { text = text.dropFirst() }
    if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
    var cells: [String] = []
    var cell = ""
    var escaped = false
    for character in text {
      if escaped {
        // `\|` is a literal pipe; other escapes stay for the Markdown of the cell.
        cell += character == "|" ? "|" : "\\\(character)"
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "|" {
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        cell = ""
      } else {
        cell.append(character)
      }
    }
    if escaped { cell += "\\" }
    cells.append(cell.trimmingCharacters(in: .whitespaces))
    return cells
  }
}
