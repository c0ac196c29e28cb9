import NeuralNetwork

/// Prunes a network to given per-layer filter counts by a classic criterion, then fine-tunes.
///
/// Given the counts class-aware pruning reached, the baseline network has the same
/// architecture, hence exactly the same parameters and MACs: the comparison is at equal FLOPs
/// per layer, not merely in total.
public struct BaselinePruner {
  /// How filters are ranked.
  public var criterion: BaselineCriterion
  /// How the pruned network retrains.
  public var fineTuning: FineTuning
  /// Images per class for the Taylor criterion.
  public var imagesPerClass: Int
  /// Fixes the random choice and the Taylor images.
  public var seed: UInt64

  /// Creates a baseline.
  public init(criterion: BaselineCriterion, fineTuning: FineTuning = FineTuning(), imagesPerClass: Int = 10, seed: UInt64 = 0) {
    self.criterion = criterion
    self.fineTuning = fineTuning
    self.imagesPerClass = imagesPerClass
    self.seed = seed
  }

  /// The filters to remove so each layer keeps `targets` filters: the lowest-scored ones, ascending indices.
  public func plan(for model: Model, targets: [LayerFilters], data: Dataset, onProgress: TechniqueProgressHandler? = nil)
    throws -> [(layer: String, filters: [Int])]
  {
    for target in targets {
      guard let conv = model.layer(target.layer) as? Conv2d else {
        throw ClassAwarePruningError(.invalidLayer, "model '\(model.name)' has no convolution '\(target.layer)'")
      }
      guard (1...conv.outChannels).contains(target.count) else {
        throw ClassAwarePruningError(
          .invalidSetting, "layer '\(target.layer)' has \(conv.outChannels) filters; cannot keep \(target.count)")
      }
    }
    let layers = targets.filter { ($0.count) < ((model.layer($0.layer) as? Conv2d)?.outChannels ?? 0) }.map(\.layer)
    guard !layers.isEmpty else { return [] }
    let scores = try criterion.scores(
      of: model, layers: layers, data: data, imagesPerClass: imagesPerClass, seed: seed, onProgress: onProgress)
    return targets.compactMap { target in
      guard let s = scores[target.layer] else { return nil }
      let cut = s.count - target.count
      let order = s.indices.sorted { (s[$0], $0) < (s[$1], $1) }
      return (target.layer, Array(order.prefix(cut)).sorted())
    }
  }

  /// Prunes a copy of `model` to `targets`, fine-tunes it for `epochs` on `train`, and measures it on `test`.
  ///
  /// With `epochsPerRun`, the epochs are spent in runs of that length, each restarting the
  /// learning-rate schedule (and the optimiser's momentum), as class-aware pruning's rounds do;
  /// the baseline then follows the same learning-rate trajectory, not only the same epoch count.
  public func run(
    _ model: Model, targets: [LayerFilters], train: Dataset, test: Dataset, epochs: Int, epochsPerRun: Int? = nil,
    onProgress: TechniqueProgressHandler? = nil
  ) throws -> BaselineResult {
    try fineTuning.validate()
    guard epochs >= 0 else { throw ClassAwarePruningError(.invalidSetting, "epochs must be >= 0, got \(epochs)") }
    if let epochsPerRun, epochsPerRun < 1 {
      throw ClassAwarePruningError(.invalidSetting, "epochs per run must be positive, got \(epochsPerRun)")
    }
    let pruned = try model.copy()
    let plan = try plan(for: pruned, targets: targets, data: train, onProgress: onProgress)
    for (layer, filters) in plan { try pruned.removeFilters(filters, from: layer) }
    let name = criterion.rawValue
    let before = try pruned.evaluate(on: test).accuracy
    let length = Swift.min(epochsPerRun ?? epochs, Swift.max(epochs, 1))
    var done = 0
    var run = 0
    while done < epochs {
      run += 1
      let count = Swift.min(length, epochs - done)
      // Run r uses the seed class-aware pruning's round r uses.
      try fineTuning.run(
        pruned, on: train, epochs: count, seed: fineTuning.seed &+ UInt64(run), task: "baseline \(name): fine-tune",
        onProgress: onProgress)
      done += count
    }
    let after = try pruned.evaluate(on: test) { done, total in
      try onProgress?(TechniqueProgress(task: "baseline \(name): evaluation", done: done, total: total))
    }.accuracy
    return BaselineResult(
      criterion: criterion, model: pruned, accuracyBeforeFineTuning: before, accuracy: after,
      cost: NetworkCost(of: pruned, layers: targets.map(\.layer)), fineTuneEpochs: epochs,
      removed: plan.reduce(0) { $0 + $1.filters.count })
  }
}

/// A baseline-pruned network and how well it does.
public struct BaselineResult {
  /// The criterion.
  public var criterion: BaselineCriterion
  /// The pruned, fine-tuned network.
  public var model: Model
  /// Test accuracy right after the filters were removed.
  public var accuracyBeforeFineTuning: Double
  /// Test accuracy after fine-tuning.
  public var accuracy: Double
  /// The network's size.
  public var cost: NetworkCost
  /// Fine-tuning epochs spent.
  public var fineTuneEpochs: Int
  /// Filters removed.
  public var removed: Int

  /// Creates a result.
  public init(
    criterion: BaselineCriterion, model: Model, accuracyBeforeFineTuning: Double, accuracy: Double, cost: NetworkCost,
    fineTuneEpochs: Int, removed: Int
  ) {
    self.criterion = criterion
    self.model = model
    self.accuracyBeforeFineTuning = accuracyBeforeFineTuning
    self.accuracy = accuracy
    self.cost = cost
    self.fineTuneEpochs = fineTuneEpochs
    self.removed = removed
  }
}
