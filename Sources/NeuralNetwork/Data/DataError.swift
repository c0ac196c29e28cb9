/// A failure while reading or preparing a data set, naming the file or argument at fault.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong.
  public enum Kind: Equatable, Sendable {
    /// The data folder does not exist.
    case missingFolder
    /// A file the loader needs does not exist.
    case missingFile
    /// A file exists but cannot be read.
    case unreadable
    /// A file ends before the data its header announces.
    case truncated
    /// A file is not in the expected format (bad magic, bad header, bad gzip stream).
    case corrupt
    /// An argument asks for something the data cannot give (too many examples, bad size).
    case invalidArgument
  }

  /// What went wrong.
  public var kind: Kind
  /// The file or folder concerned, when there is one: the error's source location.
  public var path: String?
  /// The full message.
  public var message: String

  /// Creates an error of `kind` about `path` with a full `message`.
  public init(_ kind: Kind, path: String? = nil, message: String) {
    self.kind = kind
    self.path = path
    self.message = message
  }

  /// The full message.
  public var description: String { message }
}
