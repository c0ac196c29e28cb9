import NeuralNetwork
import Tensor

/// PowerPruning's retraining: a network restricted to the selected weight and activation
/// values is fine-tuned with those values only, to recover accuracy.
///
/// Weights stay on the allowed levels through `ValueSetConstraint` (straight-through
/// estimator, fixed scales); activations go through the network's quantisation hooks, which
/// round or clamp them onto the allowed activation levels with a straight-through gradient;
/// the images are prepared the same way.
public enum RestrictedRetraining {
  /// Settings of the fine-tuning run.
  public struct Settings: Sendable {
    /// Passes over the training set.
    public var epochs: Int
    /// SGD learning rate.
    public var learningRate: Double
    /// SGD momentum.
    public var momentum: Double
    /// Examples per batch.
    public var batchSize: Int
    /// Fixes shuffling.
    public var seed: UInt64

    /// Creates settings.
    public init(epochs: Int = 1, learningRate: Double = 0.01, momentum: Double = 0.9, batchSize: Int = 64, seed: UInt64 = 0) {
      self.epochs = epochs
      self.learningRate = learningRate
      self.momentum = momentum
      self.batchSize = batchSize
      self.seed = seed
    }
  }

  /// Restricts `network` to `weights` and `activations` and fine-tunes the copy on `train`;
  /// returns the retrained network (every weight on an allowed level).
  public static func retrain(
    _ network: QuantizedNetwork, weights: [Int], activations: [Int], on train: Dataset, settings: Settings,
    progress: TechniqueProgressHandler? = nil
  ) throws -> QuantizedNetwork {
    guard settings.epochs >= 0 else { throw PowerPruningError("retrain: epochs must not be negative, got \(settings.epochs)") }
    guard settings.learningRate > 0, settings.learningRate.isFinite else {
      throw PowerPruningError("retrain: the learning rate must be positive, got \(settings.learningRate)")
    }
    guard settings.batchSize >= 1 else { throw PowerPruningError("retrain: the batch size must be positive, got \(settings.batchSize)") }
    let restricted = try network.restricted(weights: weights, activations: activations)
    guard settings.epochs > 0 else { return restricted }
    guard train.count > 0 else { throw PowerPruningError("retrain: the training set is empty") }
    guard let projection = restricted.projection else { throw PowerPruningError("retrain: the network is not restricted") }
    var configuration = TrainingConfiguration(
      epochs: settings.epochs, batchSize: settings.batchSize,
      optimizer: .sgd(learningRate: Float(settings.learningRate), momentum: Float(settings.momentum)), seed: settings.seed)
    configuration.hooks = restricted.hooks
    configuration.onBatch = { step in
      try progress?(TechniqueProgress(
        task: "retrain epoch \(step.epoch)/\(step.epochs)", done: step.batch, total: step.batchesPerEpoch))
    }
    let constraint = ValueSetConstraint(projection: projection)
    try constraint.install(in: &configuration)
    try restricted.model.train(on: try restricted.prepared(train), configuration: configuration)
    constraint.restoreMasters()
    try projection.apply()
    return restricted
  }
}
