/// A problem reading a Liberty (`.lib`) file: where it is and what was expected.
public struct LibertyError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file being read (a path, or a name given to text parsed from memory).
  public var file: String
  /// The 1-based line of the problem (0 when it concerns the whole file, e.g. a missing file).
  public var line: Int
  /// What went wrong, usually what was expected and what was found.
  public var message: String

  /// Creates an error.
  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: error: message`, as compilers print it.
  public var description: String {
    line > 0 ? "\(file):\(line): error: \(message)" : "\(file): error: \(message)"
  }
}
