/// An error in early exit: an exit on a layer that does not exist or cannot carry a head,
/// a setting out of range, data the model does not take.
public struct EarlyExitError: Error, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// An exit names a layer the model does not have; `candidates` lists the names that would do.
    case unknownLayer
    /// An exit's layer gives no feature map `[C, H, W]` (a flattened vector, logits).
    case notAFeatureMap
    /// An exit sits where samples cannot leave the batch (inside a residual block), or twice on one point.
    case unsupportedPosition
    /// A setting is out of range (β outside (0, 1], a negative tolerance).
    case invalidSetting
    /// The data does not fit the model or the scores (wrong shape, labels out of range).
    case invalidData
  }

  /// What went wrong.
  public var kind: Kind
  /// A readable explanation naming the layer or setting.
  public var message: String
  /// For `.unknownLayer`: the layers an exit could sit on, in execution order (for suggestions).
  public var candidates: [String]
  /// For `.unknownLayer`: the name that was asked for.
  public var name: String?

  /// Creates an error.
  public init(_ kind: Kind, _ message: String, name: String? = nil, candidates: [String] = []) {
    self.kind = kind
    self.message = message
    self.name = name
    self.candidates = candidates
  }

  /// The explanation.
  public var description: String { message }
}
