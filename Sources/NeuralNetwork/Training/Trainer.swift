import Tensor

/// Trains a model with mini-batch gradient descent on the cross-entropy (plus caller terms).
///
/// The optimiser's state persists across `fit` calls, so a run can continue.
/// Randomness comes from `configuration.seed` only: epoch `e` shuffles with
/// stream `e`, batch `b` augments and drops out with its own stream, so the
/// same seed gives the same weights and losses.
public final class Trainer {
  /// The model being trained.
  public let model: Model
  /// The run's settings.
  public var configuration: TrainingConfiguration
  /// The optimiser (created from `configuration.optimizer`).
  public let optimizer: Optimizer
  /// Every epoch trained so far.
  public private(set) var history = TrainingHistory()

  /// Creates a trainer for `model`.
  public init(model: Model, configuration: TrainingConfiguration) {
    self.model = model
    self.configuration = configuration
    self.optimizer = configuration.optimizer.makeOptimizer()
  }

  /// Trains for `configuration.epochs` more epochs; evaluates on `test` after each if given.
  ///
  /// Each batch runs, in this order: forward (with `hooks` and `taps`), the
  /// loss plus `extraLoss`, backward, `beforeUpdate`, the optimiser step, the
  /// running-statistics commit, `onBatch`.
  ///
  /// Throws `TrainingError` with `.diverged(epoch:batch:)` when the loss or an
  /// update is not finite (the weights are those before that batch), and
  /// rethrows whatever `onBatch`, `beforeUpdate` or `extraLoss` throw.
  @discardableResult
  public func fit(on data: Dataset, test: Dataset? = nil) throws -> TrainingHistory {
    let config = configuration
    guard config.epochs >= 0, config.batchSize > 0 else {
      throw TrainingError(.invalidConfiguration, "epochs must be non-negative and the batch size positive")
    }
    guard data.count > 0 else { throw TrainingError(.invalidConfiguration, "the training set is empty") }
    _ = try model.checkInput(data.inputs.shape)
    let parameters = model.parameters + config.extraParameters
    let batches = (data.count + config.batchSize - 1) / config.batchSize
    let clock = ContinuousClock()
    let first = history.epochs.count
    for e in (first + 1)...(first + Swift.max(config.epochs, 1)) where config.epochs > 0 {
      let lr = config.schedule.rate(base: config.optimizer.learningRate, epoch: e - 1, epochs: first + config.epochs)
      optimizer.learningRate = lr
      var order = Array(0..<data.count)
      if config.shuffle {
        var g = SeededGenerator(seed: config.seed, stream: UInt64(e))
        order = g.permutation(data.count)
      }
      var lossTotal = 0.0
      var correct = 0
      let start = clock.now
      for b in 1...batches {
        let indices = order[((b - 1) * config.batchSize)..<Swift.min(b * config.batchSize, data.count)]
        var (inputs, labels) = data.batch(indices)
        let stream = (UInt64(e) << 32) | UInt64(b)
        if !config.augmentation.isIdentity {
          var g = SeededGenerator(seed: config.seed ^ 0xA5A5_A5A5, stream: stream)
          inputs = config.augmentation.apply(to: inputs, generator: &g)
        }
        let loss = try step(
          inputs: inputs, labels: labels, epoch: e, batch: b, seed: config.seed, stream: stream, parameters: parameters)
        lossTotal += Double(loss.value)
        correct += loss.correct
        try config.onBatch?(
          BatchProgress(
            epoch: e, epochs: first + config.epochs, batch: b, batchesPerEpoch: batches, loss: loss.value,
            learningRate: lr))
      }
      let seconds = Self.seconds(clock.now - start)
      let testAccuracy = try test.map { try model.evaluate(on: $0, batchSize: config.evaluationBatchSize).accuracy }
      history.epochs.append(
        EpochRecord(
          epoch: e, loss: lossTotal / Double(batches), trainAccuracy: Double(correct) / Double(data.count),
          testAccuracy: testAccuracy, learningRate: lr, seconds: seconds,
          examplesPerSecond: Double(data.count) / Swift.max(seconds, 1e-9)))
    }
    return history
  }

  /// One forward, backward and update; returns the loss and the number of correct predictions.
  private func step(
    inputs: Tensor, labels: [Int], epoch: Int, batch: Int, seed: UInt64, stream: UInt64, parameters: [Parameter]
  ) throws -> (value: Float, correct: Int) {
    let tape = Tape()
    var dropoutSeed = SeededGenerator(seed: seed, stream: stream)
    let context = ForwardContext(training: true, tape: tape, seed: dropoutSeed.next())
    context.taps = configuration.taps
    context.hooks = configuration.hooks
    context.defersBufferUpdates = true
    let logits = try model.forward(Variable(inputs), context: context)
    var loss = try logits.crossEntropy(labels: labels)
    let info = TrainingStep(
      epoch: epoch, batch: batch, tape: tape, context: context, inputs: inputs, labels: labels, logits: logits,
      activations: context.activations, model: model)
    if let extra = configuration.extraLoss {
      if let term = try extra(info) {
        guard term.shape.reduce(1, *) == 1 else {
          throw TrainingError(.invalidConfiguration, "the extra loss must be a single number, got shape \(term.shape)")
        }
        loss = try Variable.combine(loss, term.reshaped(to: []), .add)
      }
    }
    let value = loss.value.scalars[0]
    guard value.isFinite else {
      throw TrainingError.diverged(epoch: epoch, batch: batch, what: "the loss is \(value)")
    }
    for p in parameters { p.gradient = nil }
    tape.backward(loss)
    try configuration.beforeUpdate?(info)
    guard optimizer.step(parameters) else {
      for p in parameters { p.gradient = nil }
      throw TrainingError.diverged(epoch: epoch, batch: batch, what: "the update gives non-finite weights")
    }
    context.commitBufferUpdates()
    for p in parameters { p.gradient = nil }
    let predicted = logits.value.argmax(alongAxis: 1)
    return (value, zip(predicted, labels).filter { $0 == $1 }.count)
  }

  static func seconds(_ d: Duration) -> Double {
    let (s, attoseconds) = d.components
    return Double(s) + Double(attoseconds) * 1e-18
  }
}

extension Model {
  /// Trains this model (see `Trainer`) and returns the per-epoch history.
  @discardableResult
  public func train(on data: Dataset, test: Dataset? = nil, configuration: TrainingConfiguration) throws
    -> TrainingHistory
  {
    try Trainer(model: self, configuration: configuration).fit(on: data, test: test)
  }
}
