import Kernel

/// Tables as aligned plain text for the terminal: numbers right-aligned, a rule under the header.
enum TextTable {
  /// The table's lines joined by newlines (no trailing newline).
  static func render(_ table: TableDisplay) -> String {
    let columnCount = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
    func text(_ row: [TableCell], _ column: Int) -> String { column < row.count ? row[column].text : "" }
    let numeric = (0..<columnCount).map { column in
      let cells = table.rows.compactMap { column < $0.count ? $0[column] : nil }.filter { !$0.text.isEmpty }
      return !cells.isEmpty && cells.allSatisfy { $0.number != nil }
    }
    let header = (0..<columnCount).map { $0 < table.columns.count ? table.columns[$0] : "" }
    var widths = header.map(\.count)
    for row in table.rows {
      for column in 0..<columnCount { widths[column] = max(widths[column], text(row, column).count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return numeric[column] ? pad + cell : cell + pad
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    for row in table.rows { lines.append(line((0..<columnCount).map { text(row, $0) })) }
    return lines.joined(separator: "\n")
  }
}
