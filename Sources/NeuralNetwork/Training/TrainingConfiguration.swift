import Tensor

/// What the caller's extra loss terms and update hook see of a training step.
public struct TrainingStep {
  /// The epoch, from 1.
  public var epoch: Int
  /// The batch within the epoch, from 1.
  public var batch: Int
  /// The tape of this step (make extra heads' parameters leaves with `tape.parameter`).
  public var tape: Tape
  /// The forward context of this step (mode, generator).
  public var context: ForwardContext
  /// The batch's inputs after augmentation.
  public var inputs: Tensor
  /// The batch's labels.
  public var labels: [Int]
  /// The model's output for the batch.
  public var logits: Variable
  /// The outputs of the tapped layers.
  public var activations: [String: Variable]
  /// The model being trained.
  public var model: Model
}

/// Everything that defines a training run besides the model and the data.
public struct TrainingConfiguration {
  /// Passes over the training set.
  public var epochs: Int
  /// Examples per mini-batch (the last batch of an epoch may be smaller).
  public var batchSize: Int
  /// The optimiser and its settings.
  public var optimizer: OptimizerSettings
  /// How the learning rate changes per epoch.
  public var schedule: LearningRateSchedule
  /// Fixes shuffling, augmentation and dropout: the same seed gives the same run.
  public var seed: UInt64
  /// Whether to visit the examples in a new random order each epoch.
  public var shuffle: Bool
  /// Random crops and flips of the training images.
  public var augmentation: Augmentation
  /// Further parameters trained with the model's (extra heads, compensators).
  public var extraParameters: [Parameter]
  /// Layers whose outputs are handed to `extraLoss`.
  public var taps: Set<String>
  /// Functions applied to the outputs of named layers during training (see `ForwardContext.hooks`).
  public var hooks: [String: (Variable) throws -> Variable]
  /// Extra loss terms added to the cross-entropy (L1, orthogonality, Lipschitz, exit heads), built on the step's tape.
  public var extraLoss: ((TrainingStep) throws -> Variable?)?
  /// Called after the backward pass and before the update, with the gradients in place
  /// (gradient clipping, master-weight restoration for quantisation-aware training).
  public var beforeUpdate: ((TrainingStep) throws -> Void)?
  /// Called after every batch, after the update; throw to stop (interrupts, timeouts). The error propagates unchanged.
  public var onBatch: ((BatchProgress) throws -> Void)?
  /// Examples per batch when measuring test accuracy.
  public var evaluationBatchSize: Int

  /// Creates a configuration; the defaults are the peer's (SGD lr 0.05, momentum 0.9, batch 64).
  public init(
    epochs: Int = 1, batchSize: Int = 64,
    optimizer: OptimizerSettings = .sgd(learningRate: 0.05, momentum: 0.9),
    schedule: LearningRateSchedule = .constant, seed: UInt64 = 0, shuffle: Bool = true,
    augmentation: Augmentation = .none, extraParameters: [Parameter] = [], taps: Set<String> = [],
    hooks: [String: (Variable) throws -> Variable] = [:], extraLoss: ((TrainingStep) throws -> Variable?)? = nil,
    beforeUpdate: ((TrainingStep) throws -> Void)? = nil, onBatch: ((BatchProgress) throws -> Void)? = nil,
    evaluationBatchSize: Int = 500
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.schedule = schedule
    self.seed = seed
    self.shuffle = shuffle
    self.augmentation = augmentation
    self.extraParameters = extraParameters
    self.taps = taps
    self.hooks = hooks
    self.extraLoss = extraLoss
    self.beforeUpdate = beforeUpdate
    self.onBatch = onBatch
    self.evaluationBatchSize = evaluationBatchSize
  }
}
