/// An error that stops training.
public struct TrainingError: Error, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// The loss or an update stopped being finite.
    case diverged(epoch: Int, batch: Int)
    /// The configuration or data cannot be trained on.
    case invalidConfiguration
  }

  /// What went wrong.
  public var kind: Kind
  /// A readable explanation.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The explanation.
  public var description: String { message }

  /// The error for a non-finite loss or update at a (1-based) epoch and batch.
  static func diverged(epoch: Int, batch: Int, what: String) -> TrainingError {
    TrainingError(
      .diverged(epoch: epoch, batch: batch),
      "training diverged at epoch \(epoch), batch \(batch): \(what); the model keeps its last finite weights "
        + "(try a smaller learning rate)")
  }
}
