/// An error in CorrectNet's suppression or compensation: a setting out of range or a layer that does not exist.
public struct CorrectNetError: Error, Equatable, CustomStringConvertible, Sendable {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// A setting is out of its range (σ < 0, k ≥ 1, no epochs).
    case invalidSetting
    /// A layer named for compensation does not exist or cannot be compensated.
    case unknownLayer
    /// The data cannot be used.
    case invalidData
  }

  /// What went wrong.
  public var kind: Kind
  /// A readable explanation naming the setting or layer.
  public var message: String
  /// For ``Kind/unknownLayer``: the layers that could have been named, for suggestions.
  public var candidates: [String]

  /// Creates an error.
  public init(_ kind: Kind, _ message: String, candidates: [String] = []) {
    self.kind = kind
    self.message = message
    self.candidates = candidates
  }

  /// The explanation.
  public var description: String { message }
}
