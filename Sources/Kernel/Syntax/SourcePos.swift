/// A position in the notebook (not the cell): 1-based line and column.
///
/// Kept small (two 32-bit integers) because every AST node and compiled node carries one.
struct SourcePos: Equatable, Sendable, CustomStringConvertible {
  var line: Int32
  var column: Int32

  init(line: Int, column: Int) {
    self.line = Int32(clamping: line)
    self.column = Int32(clamping: column)
  }

  var description: String { "\(line):\(column)" }
}

/// An error found while lexing, parsing, compiling or running, with its notebook position.
///
/// The session turns it into a ``LabError`` with the file and the source line.
struct Diagnostic: Error {
  var message: String
  var pos: SourcePos?
  var notes: [String] = []

  init(_ message: String, at pos: SourcePos?, notes: [String] = []) {
    self.message = message
    self.pos = pos
    self.notes = notes
  }
}
