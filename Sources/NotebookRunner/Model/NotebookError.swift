import Kernel

/// A problem with a notebook file itself (not with running its code): where it is and what is wrong.
///
/// Printed as `path:line:col: error: message` like compiler diagnostics, so editors can jump to it.
public struct NotebookError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The notebook path as the user gave it.
  public var file: String
  /// 1-based line, when the problem has one.
  public var line: Int?
  /// 1-based column, when the problem has one.
  public var column: Int?
  /// What is wrong, one line.
  public var message: String

  /// Creates an error; `line` and `column` are omitted for whole-file problems.
  public init(_ message: String, file: String, line: Int? = nil, column: Int? = nil) {
    self.message = message
    self.file = file
    self.line = line
    self.column = column
  }

  /// `path:line:col: error: message` (or `path: error: message` without a location).
  public var description: String {
    var prefix = file
    if let line {
      prefix += ":\(line)"
      if let column { prefix += ":\(column)" }
    }
    return "\(prefix): error: \(message)"
  }

  /// The location as a kernel ``SourceLocation``, when there is a line.
  public var location: SourceLocation? {
    line.map { SourceLocation(file: file, line: $0, column: column ?? 1) }
  }
}
