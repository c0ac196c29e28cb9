/// An error in building, feeding, addressing or operating on a model.
public struct ModelError: Error, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// The architecture describes no valid network.
    case invalidArchitecture
    /// Input or tensor shapes do not fit the model.
    case shapeMismatch
    /// No layer or tensor has the given name.
    case unknownName
    /// A surgery request cannot be carried out.
    case surgery
  }

  /// What went wrong.
  public var kind: Kind
  /// A readable explanation naming the layer or tensor.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The explanation.
  public var description: String { message }
}
