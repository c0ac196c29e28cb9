/// A checkpoint that cannot be written, read or applied, saying which way it failed.
public struct CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong.
  public enum Kind: Equatable, Sendable {
    /// The file does not exist.
    case missingFile
    /// The file cannot be read or written.
    case unreadable
    /// The file is not an nnlab checkpoint (its magic number is another).
    case foreign
    /// The file was written in a format version newer than this build reads.
    case newerVersion
    /// The file ends before the length its header announces.
    case truncated
    /// The content does not match its checksum, or its structure is broken.
    case corrupt
    /// The checkpoint does not fit the model: a missing or extra tensor, another shape, another architecture.
    case mismatch
    /// The checkpoint's contents are invalid before any file is involved (duplicate names, bad JSON).
    case invalid
  }

  /// What went wrong.
  public var kind: Kind
  /// The file concerned, when there is one: the error's source location.
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
