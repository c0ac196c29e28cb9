/// A network that cannot become logic, or a parameter outside what the logic design supports,
/// with a message naming the layer, neuron or value at fault.
public struct LogicDesignError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The full message.
  public var message: String

  /// Creates an error with a full `message`.
  public init(_ message: String) { self.message = message }

  /// The full message.
  public var description: String { message }
}
