import NeuralNetwork

/// Iterative class-aware pruning: score, remove the filters that matter for few classes, fine-tune, repeat.
///
/// Each round measures the importance of every filter of the scored convolutions, removes
/// those below the threshold (at most `maxPerLayer` per layer, leaving `minimumKept`) with the
/// engine's surgery, which also removes what consumed them, and fine-tunes with the regularised
/// loss. The loop ends when no filter falls under the threshold (the paper's rule), when a round's
/// accuracy falls under the floor (that round is undone unless `keepsRoundBelowFloor`), or after
/// `maxRounds`.
public struct ClassAwarePruner {
  /// How filters are scored.
  public var estimator: ImportanceEstimator
  /// Which filters a round removes.
  public var selection: PruningSelection
  /// How each round retrains.
  public var fineTuning: FineTuning
  /// The most rounds.
  public var maxRounds: Int
  /// Test accuracy under which pruning stops (nil: no floor).
  public var accuracyFloor: Double?
  /// Whether a round that ends under the floor is kept (the authors' code keeps it; by default it is undone).
  public var keepsRoundBelowFloor: Bool

  /// Creates a pruner.
  public init(
    estimator: ImportanceEstimator = ImportanceEstimator(), selection: PruningSelection, fineTuning: FineTuning = FineTuning(),
    maxRounds: Int = 10, accuracyFloor: Double? = nil, keepsRoundBelowFloor: Bool = false
  ) {
    self.estimator = estimator
    self.selection = selection
    self.fineTuning = fineTuning
    self.maxRounds = maxRounds
    self.accuracyFloor = accuracyFloor
    self.keepsRoundBelowFloor = keepsRoundBelowFloor
  }

  /// Checks every setting.
  public func validate() throws {
    try estimator.validate()
    try selection.validate()
    try fineTuning.validate()
    guard maxRounds >= 0 else { throw ClassAwarePruningError(.invalidSetting, "rounds must be >= 0, got \(maxRounds)") }
    if let accuracyFloor, !(0...1).contains(accuracyFloor) {
      throw ClassAwarePruningError(.invalidSetting, "the accuracy floor is a fraction in [0, 1], got \(accuracyFloor)")
    }
  }

  /// Prunes a copy of `model` (which is left as it is), scoring on `train`, fine-tuning on `train`,
  /// measuring accuracy on `test`.
  public func run(_ model: Model, train: Dataset, test: Dataset, onProgress: TechniqueProgressHandler? = nil) throws
    -> ClassAwarePruningResult
  {
    try validate()
    var current = try model.copy()
    let layers = try estimator.scoredLayers(of: current)
    func accuracy(_ m: Model, _ task: String) throws -> Double {
      try m.evaluate(on: test) { done, total in
        try onProgress?(TechniqueProgress(task: task, done: done, total: total))
      }.accuracy
    }
    func importance(_ m: Model, round: Int) throws -> FilterImportance {
      var e = estimator
      e.layers = layers
      // A new draw of images each round, as the authors' code does, but reproducible.
      e.seed = estimator.seed &+ UInt64(round)
      return try e.measure(m, on: train) { p in
        try onProgress?(TechniqueProgress(task: "round \(round): importance", done: p.done, total: p.total))
      }
    }

    let initial = try importance(current, round: 0)
    let start = try accuracy(current, "round 0: evaluation")
    var rounds = [
      PruningRound(
        round: 0, accuracy: start, belowThreshold: initial.allScores.filter { $0 < selection.threshold }.count,
        removed: 0, meanImportance: initial.meanScore, cost: NetworkCost(of: current, layers: layers), accepted: true)
    ]
    var scores = initial
    var scoresAreCurrent = true
    var reason = PruningStopReason.roundLimit
    var accepted = 0
    var round = 0
    while round < maxRounds {
      round += 1
      if !scoresAreCurrent { scores = try importance(current, round: round - 1) }
      scoresAreCurrent = true
      let below = scores.allScores.filter { $0 < selection.threshold }.count
      guard below > 0 else {
        reason = .noFilterBelowThreshold
        break
      }
      let plan = selection.select(from: scores)
      guard !plan.isEmpty else {
        reason = .nothingRemovable
        break
      }
      let previous = try current.copy()
      for (layer, filters) in plan { try current.removeFilters(filters, from: layer) }
      try fineTuning.run(
        current, on: train, seed: fineTuning.seed &+ UInt64(round), task: "round \(round): fine-tune",
        onProgress: onProgress)
      let acc = try accuracy(current, "round \(round): evaluation")
      let belowFloor = accuracyFloor.map { acc < $0 } ?? false
      let keep = !belowFloor || keepsRoundBelowFloor
      rounds.append(
        PruningRound(
          round: round, accuracy: acc, belowThreshold: below, removed: plan.reduce(0) { $0 + $1.filters.count },
          meanImportance: scores.meanScore, cost: NetworkCost(of: current, layers: layers), accepted: keep))
      if keep {
        accepted += 1
        scoresAreCurrent = false
      } else {
        current = previous
      }
      if belowFloor {
        reason = .accuracyFloor
        break
      }
    }
    let final = scoresAreCurrent ? scores : try importance(current, round: round)
    return ClassAwarePruningResult(
      rounds: rounds, initialImportance: initial, finalImportance: final, stopReason: reason, model: current,
      fineTuneEpochs: accepted * fineTuning.epochs)
  }
}
