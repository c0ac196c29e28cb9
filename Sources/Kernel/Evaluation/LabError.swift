/// A place in a notebook: file, 1-based line and 1-based column (in characters).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
  /// The notebook path as the user gave it.
  public var file: String
  /// 1-based line in the notebook file.
  public var line: Int
  /// 1-based column in the line.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`.
  public var description: String { "\(file):\(line):\(column)" }
}

/// An error raised while lexing, parsing or running a cell, with where it happened.
///
/// CONTRACT: the runner shows `rendered` in the terminal and in the report.
public struct LabError: Error, Sendable, CustomStringConvertible {
  /// The one-line message, without location (`shape mismatch ...`).
  public var message: String
  /// Where the failing expression starts, when known.
  public var location: SourceLocation?
  /// The source line the location points into, when known.
  public var sourceLine: String?
  /// Extra lines (`help: did you mean 'epochs'?`).
  public var notes: [String]

  /// Creates an error.
  public init(_ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil, notes: [String] = []) {
    self.message = message
    self.location = location
    self.sourceLine = sourceLine
    self.notes = notes
  }

  /// `path:line:col: error: message`, the source line and a caret, then the notes.
  public var rendered: String {
    var out = ""
    if let location { out += "\(location): " }
    out += "error: \(message)"
    if let location, let sourceLine {
      let gutter = String(location.line)
      let pad = String(repeating: " ", count: gutter.count)
      out += "\n\(pad) |\n\(gutter) | \(sourceLine)\n\(pad) | "
      out += String(repeating: " ", count: max(0, location.column - 1)) + "^"
    }
    for note in notes { out += "\n" + note }
    return out
  }

  /// Same as ``rendered``.
  public var description: String { rendered }
}
