/// One fenced `lab` code block: the unit the kernel runs.
public struct CodeCell: Sendable {
  /// 0-based position among the notebook's cells.
  public var index: Int
  /// The code between the fences, `#|` option lines included (they are comments to the kernel).
  public var source: String
  /// The notebook line of the first code line (the line after the opening fence), 1-based.
  public var line: Int
  /// The notebook column where each code line starts, 1-based.
  public var column: Int
  /// The options read from the `#|` lines.
  public var options: CellOptions

  /// Creates a cell.
  public init(index: Int, source: String, line: Int, column: Int = 1, options: CellOptions = CellOptions()) {
    self.index = index
    self.source = source
    self.line = line
    self.column = column
    self.options = options
  }

  /// The notebook line of the first line shown in a report (after the `#|` option lines).
  public var displayLine: Int {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    return line + (lines.firstIndex { !CellOptionParser.isOptionLine($0) } ?? lines.count)
  }

  /// The code as shown in a report: the source without its leading `#|` option lines.
  public var displaySource: String {
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    while let first = lines.first, CellOptionParser.isOptionLine(first) {
      lines.removeFirst()
    }
    while let last = lines.last, last.allSatisfy(\.isWhitespace) {
      lines.removeLast()
    }
    return lines.joined(separator: "\n")
  }
}
