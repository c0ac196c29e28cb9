/// What happened to one sample in early-exit inference.
public struct ExitOutcome: Equatable, Sendable, Codable {
  /// The exit (0-based) the sample stopped at, or nil when it reached the final layer.
  public var exit: Int?
  /// The decision: the class it stopped with, or the final layer's argmax among the classes
  /// still allowed (the paper's masked decision).
  public var masked: Int
  /// The decision with the final layer's plain argmax (the released test script's).
  public var unmasked: Int
  /// The multiply-accumulates this sample consumed: the segments and heads it ran.
  public var macs: Int
  /// Per exit: classes that exit removed for this sample; nil when it did not reach the exit or the exit is off.
  public var excluded: [Int?]
  /// Classes still allowed when the sample stopped or reached the end.
  public var remaining: Int
}
