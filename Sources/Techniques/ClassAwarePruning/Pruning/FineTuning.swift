import NeuralNetwork

/// How a pruned network is retrained; the defaults are the authors' code's
/// (SGD, learning rate 0.01, momentum 0.9, weight decay 5e-4, 10 epochs).
public struct FineTuning: Sendable, Equatable, Codable {
  /// Passes over the training set per round.
  public var epochs: Int
  /// SGD's learning rate.
  public var learningRate: Double
  /// SGD's momentum.
  public var momentum: Double
  /// L2 weight decay added to the gradient.
  public var weightDecay: Double
  /// Examples per mini-batch.
  public var batchSize: Int
  /// How the learning rate changes over one round's epochs (the authors' code: constant within a round).
  public var schedule: LearningRateSchedule
  /// The L1 and orthogonality terms added to the cross-entropy while retraining.
  public var regularization: PruningRegularization
  /// Fixes shuffling.
  public var seed: UInt64

  /// Creates the settings.
  public init(
    epochs: Int = 10, learningRate: Double = 0.01, momentum: Double = 0.9, weightDecay: Double = 5e-4,
    batchSize: Int = 64, schedule: LearningRateSchedule = .constant,
    regularization: PruningRegularization = PruningRegularization(), seed: UInt64 = 0
  ) {
    self.epochs = epochs
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    self.batchSize = batchSize
    self.schedule = schedule
    self.regularization = regularization
    self.seed = seed
  }

  /// Checks the settings.
  public func validate() throws {
    guard epochs >= 0 else { throw ClassAwarePruningError(.invalidSetting, "fine-tuning epochs must be >= 0, got \(epochs)") }
    guard batchSize > 0 else { throw ClassAwarePruningError(.invalidSetting, "the batch size must be positive, got \(batchSize)") }
    guard learningRate > 0, learningRate.isFinite else {
      throw ClassAwarePruningError(.invalidSetting, "the learning rate must be positive, got \(learningRate)")
    }
    guard momentum >= 0, momentum < 1, weightDecay >= 0 else {
      throw ClassAwarePruningError(.invalidSetting, "momentum must be in [0, 1) and weight decay >= 0")
    }
    try regularization.validate()
  }

  /// The trainer configuration for `epochs` epochs; `onBatch` hears every batch.
  public func configuration(epochs: Int? = nil, seed: UInt64? = nil, onBatch: ((BatchProgress) throws -> Void)? = nil)
    -> TrainingConfiguration
  {
    TrainingConfiguration(
      epochs: epochs ?? self.epochs, batchSize: batchSize,
      optimizer: .sgd(learningRate: Float(learningRate), momentum: Float(momentum), weightDecay: Float(weightDecay)),
      schedule: schedule, seed: seed ?? self.seed, extraLoss: regularization.extraLoss, onBatch: onBatch)
  }

  /// Retrains `model` on `data` for `epochs` (default `self.epochs`); progress is reported per batch as `task`.
  @discardableResult
  public func run(
    _ model: Model, on data: Dataset, epochs: Int? = nil, seed: UInt64? = nil, task: String,
    onProgress: TechniqueProgressHandler? = nil
  ) throws -> TrainingHistory {
    try validate()
    let count = epochs ?? self.epochs
    guard count > 0 else { return TrainingHistory() }
    let config = configuration(epochs: count, seed: seed) { batch in
      try onProgress?(
        TechniqueProgress(
          task: task, done: (batch.epoch - 1) * batch.batchesPerEpoch + batch.batch,
          total: batch.epochs * batch.batchesPerEpoch))
    }
    return try model.train(on: data, configuration: config)
  }
}
