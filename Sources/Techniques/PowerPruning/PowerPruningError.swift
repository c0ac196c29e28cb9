/// A PowerPruning step refused its input: what was wrong and where.
public struct PowerPruningError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The message, naming the step and the offending value.
  public let description: String

  /// Creates an error with its message.
  public init(_ description: String) { self.description = description }
}
