/// An error in evaluating a network on crossbars: a setting out of range, data or layers that do not fit.
public struct AnalogEvaluationError: Error, Equatable, CustomStringConvertible, Sendable {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// A setting is out of its range (no samples, an empty batch).
    case invalidSetting
    /// The data cannot be used (no examples, inputs the model does not take).
    case invalidData
    /// The model holds a layer the crossbar evaluation cannot run.
    case unsupportedLayer
  }

  /// What went wrong.
  public var kind: Kind
  /// A readable explanation naming the setting or layer.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The explanation.
  public var description: String { message }
}
