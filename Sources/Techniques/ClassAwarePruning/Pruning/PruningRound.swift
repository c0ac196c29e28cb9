/// What one round of class-aware pruning did (round 0 is the network before pruning).
public struct PruningRound: Sendable, Equatable, Codable {
  /// The round, from 1; 0 describes the unpruned network.
  public var round: Int
  /// Test accuracy after the round's fine-tuning (round 0: of the trained network).
  public var accuracy: Double
  /// Filters whose importance was below the threshold when the round started.
  public var belowThreshold: Int
  /// Filters the round removed.
  public var removed: Int
  /// The mean filter importance the round's selection saw.
  public var meanImportance: Double
  /// The network's size after the round.
  public var cost: NetworkCost
  /// Whether the round's network was kept (false: it fell under the accuracy floor and was undone).
  public var accepted: Bool

  /// Creates a record.
  public init(
    round: Int, accuracy: Double, belowThreshold: Int, removed: Int, meanImportance: Double, cost: NetworkCost,
    accepted: Bool
  ) {
    self.round = round
    self.accuracy = accuracy
    self.belowThreshold = belowThreshold
    self.removed = removed
    self.meanImportance = meanImportance
    self.cost = cost
    self.accepted = accepted
  }
}

/// Why the pruning loop ended.
public enum PruningStopReason: String, Sendable, Equatable, Codable {
  /// No filter's importance was below the threshold (the paper's stop rule).
  case noFilterBelowThreshold
  /// Filters were below the threshold but every layer was at its minimum or the per-layer cap was 0.
  case nothingRemovable
  /// The accuracy after fine-tuning fell below the floor.
  case accuracyFloor
  /// The round limit was reached.
  case roundLimit

  /// A phrase for reports.
  public var explanation: String {
    switch self {
    case .noFilterBelowThreshold: return "no filter's importance was below the threshold"
    case .nothingRemovable: return "the filters below the threshold were all protected by the per-layer minimum"
    case .accuracyFloor: return "the accuracy fell below the floor"
    case .roundLimit: return "the round limit was reached"
    }
  }
}
