import NeuralNetwork

/// The outcome of iterative class-aware pruning.
public struct ClassAwarePruningResult {
  /// Round 0 (the unpruned network), then one record per round, undone rounds included.
  public var rounds: [PruningRound]
  /// The importance of the unpruned network's filters.
  public var initialImportance: FilterImportance
  /// The importance of the remaining filters of the final network.
  public var finalImportance: FilterImportance
  /// Why the loop ended.
  public var stopReason: PruningStopReason
  /// The pruned, fine-tuned network (the last accepted round's).
  public var model: Model
  /// Fine-tuning epochs the final network went through (accepted rounds times epochs per round).
  public var fineTuneEpochs: Int

  /// Creates a result.
  public init(
    rounds: [PruningRound], initialImportance: FilterImportance, finalImportance: FilterImportance,
    stopReason: PruningStopReason, model: Model, fineTuneEpochs: Int
  ) {
    self.rounds = rounds
    self.initialImportance = initialImportance
    self.finalImportance = finalImportance
    self.stopReason = stopReason
    self.model = model
    self.fineTuneEpochs = fineTuneEpochs
  }

  /// The unpruned network's record.
  public var baseline: PruningRound { rounds[0] }

  /// The final network's record (the last accepted round).
  public var final: PruningRound { rounds.last(where: \.accepted) ?? rounds[0] }

  /// Rounds that removed filters and were kept.
  public var acceptedRounds: Int { rounds.dropFirst().filter(\.accepted).count }
}
