import Hardware
import NeuralNetwork
import Tensor

/// Trains the compensation units of a ``CompensatedNetwork`` under device variation.
///
/// Every batch reads a fresh Monte Carlo draw of every crossbar layer's weights (or always the
/// same draw when ``fixedSample`` is set: the per-chip reading), runs the network in evaluation
/// mode with the units added, and updates only the units' parameters (Adam); the model's weights,
/// biases and batch-norm statistics stay as programmed. Draws come from the stream
/// `seed ^ drawSalt`, apart from those an evaluation with the same seed uses.
public struct CompensationTraining: Sendable {
  /// What the units are trained to minimise.
  public enum Objective: String, Sendable, Equatable, CaseIterable {
    /// The cross-entropy of the varied, compensated network on the labels.
    case labels
    /// The mean squared difference between its logits and the variation-free network's.
    case nominal
  }

  /// The variation the draws come from.
  public var variation: LogNormalVariation
  /// Passes over the training data.
  public var epochs: Int
  /// Examples per batch.
  public var batchSize: Int
  /// Adam's learning rate.
  public var learningRate: Double
  /// Fixes the order of the examples and the draws.
  public var seed: UInt64
  /// What is minimised.
  public var objective: Objective
  /// One draw for every batch (its index), or nil for a fresh draw per batch.
  public var fixedSample: Int?

  /// Mixed into the seed so training draws differ from evaluation draws of the same seed.
  static let drawSalt: UInt64 = 0xC0AA_EC7E_D000_0001

  /// Creates a training run, checking its settings.
  public init(
    variation: LogNormalVariation, epochs: Int = 1, batchSize: Int = 64, learningRate: Double = 0.01, seed: UInt64 = 0,
    objective: Objective = .labels, fixedSample: Int? = nil
  ) throws {
    guard epochs >= 1 else { throw CorrectNetError(.invalidSetting, "compensation training needs at least one epoch, got \(epochs)") }
    guard batchSize >= 1 else { throw CorrectNetError(.invalidSetting, "the batch size must be positive, got \(batchSize)") }
    guard learningRate.isFinite, learningRate > 0 else {
      throw CorrectNetError(.invalidSetting, "the learning rate must be a positive number, got \(learningRate)")
    }
    if let fixedSample, fixedSample < 0 {
      throw CorrectNetError(.invalidSetting, "the fixed sample must be >= 0, got \(fixedSample)")
    }
    self.variation = variation
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.seed = seed
    self.objective = objective
    self.fixedSample = fixedSample
  }

  /// Trains the units of `network` on `data`; returns the mean loss of each epoch.
  ///
  /// `hooks` are installed on every pass. `onBatch` is called after each batch and may throw to
  /// stop; the model's weights are restored either way.
  @discardableResult
  public func run(
    _ network: CompensatedNetwork, on data: Dataset, hooks: [String: (Variable) throws -> Variable] = [:],
    onBatch: ((TechniqueProgress) throws -> Void)? = nil
  ) throws -> [Double] {
    guard data.count > 0 else { throw CorrectNetError(.invalidData, "there are no examples to train the compensation on") }
    let parameters = network.parameters
    guard !parameters.isEmpty else { return [] }
    let crossbar = try CrossbarNetwork(model: network.model)
    let optimizer = Adam(learningRate: Float(learningRate))
    let batches = (data.count + batchSize - 1) / batchSize
    let drawSeed = seed ^ Self.drawSalt
    var losses = [Double]()
    for epoch in 1...epochs {
      var generator = SeededGenerator(seed: seed, stream: UInt64(epoch))
      let order = generator.permutation(data.count)
      var total = 0.0
      for b in 0..<batches {
        let indices = Array(order[(b * batchSize)..<Swift.min((b + 1) * batchSize, data.count)])
        let batch = data.subset(indices)
        let draw = fixedSample ?? ((epoch - 1) * batches + b)
        let weights = crossbar.sampledWeights(variation, seed: drawSeed, sample: draw)
        var target: Tensor?
        if objective == .nominal {
          let context = ForwardContext(training: false)
          context.hooks = hooks
          target = try network.model.forward(Variable(batch.inputs), context: context).value
        }
        let loss = try crossbar.withWeights(weights) { () throws -> Float in
          let tape = Tape()
          let context = ForwardContext(training: false, tape: tape)
          context.hooks = hooks
          context.layerOverrides = network.overrides(for: context)
          let logits = try network.model.forward(Variable(batch.inputs), context: context)
          let loss: Variable
          if let target {
            loss = try Variable.combine(logits, Variable(target), .subtract).squared().mean()
          } else {
            loss = try logits.crossEntropy(labels: batch.labels)
          }
          for p in parameters { p.gradient = nil }
          tape.backward(loss)
          return loss.value.scalars[0]
        }
        // Only the units' tensors are handed to the optimiser; the model's gradients are dropped.
        network.model.clearGradients()
        guard loss.isFinite, optimizer.step(parameters) else {
          for p in parameters { p.gradient = nil }
          throw CorrectNetError(.invalidSetting, "compensation training diverged in epoch \(epoch), batch \(b + 1); lower the learning rate")
        }
        for p in parameters { p.gradient = nil }
        total += Double(loss)
        try onBatch?(TechniqueProgress(task: "compensation training", done: (epoch - 1) * batches + b + 1, total: epochs * batches))
      }
      losses.append(total / Double(batches))
    }
    return losses
  }
}
