/// A quantiser that cannot be built or applied: bad bit width, level set, channel axis or scales.
public struct QuantizationError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The full message.
  public var message: String

  /// Creates an error with a full `message`.
  public init(_ message: String) {
    self.message = message
  }

  /// The full message.
  public var description: String { message }
}
