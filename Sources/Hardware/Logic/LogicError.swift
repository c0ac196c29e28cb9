/// A failure in building, evaluating, reading or exporting a circuit, naming what is at fault.
public struct LogicError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong.
  public enum Kind: Equatable, Sendable {
    /// A port, input or output named by the caller does not exist.
    case unknownPort
    /// Operand lists have different lengths, or a port is missing its operands.
    case operandMismatch
    /// A value does not fit the port or width it is meant for.
    case valueOutOfRange
    /// A parameter (width, size, voltage, count) is outside what the model supports.
    case invalidParameter
    /// A requirement cannot be met (no supply voltage meets the clock, for instance).
    case infeasible
    /// An external tool failed or printed something unexpected.
    case externalTool
    /// A cell library lacks a cell the operation needs (the message names its function).
    case missingCell
  }

  /// What went wrong.
  public var kind: Kind
  /// The full message.
  public var message: String

  /// Creates an error of `kind` with a full `message`.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The full message.
  public var description: String { message }
}
