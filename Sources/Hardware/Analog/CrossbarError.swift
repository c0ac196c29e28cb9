/// An error in the analog crossbar models: a setting out of range or operands that do not fit.
public struct CrossbarError: Error, Equatable, CustomStringConvertible, Sendable {
  /// What went wrong.
  public enum Kind: Equatable, Sendable {
    /// A setting (size, conductance, levels, bits, sigma) is outside what the model supports.
    case invalidSetting
    /// A tensor's shape does not fit the mapped weights.
    case shapeMismatch
  }

  /// What went wrong.
  public var kind: Kind
  /// A readable explanation naming the setting or tensor.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The explanation.
  public var description: String { message }
}
