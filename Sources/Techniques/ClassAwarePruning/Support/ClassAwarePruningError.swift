/// An error in class-aware pruning: a setting out of range, data that cannot be scored, a layer that cannot be pruned.
public struct ClassAwarePruningError: Error, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// A setting is out of its range (a negative threshold, zero images per class).
    case invalidSetting
    /// The data cannot be used (a class without examples, inputs the model does not take).
    case invalidData
    /// A layer is unknown, not a convolution, or its filters cannot be removed.
    case invalidLayer
  }

  /// What went wrong.
  public var kind: Kind
  /// A readable explanation naming the setting, class or layer.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The explanation.
  public var description: String { message }
}
