/// What one training epoch achieved.
public struct EpochRecord: Equatable, Sendable {
  /// The epoch, from 1.
  public var epoch: Int
  /// The mean training loss over the epoch's batches (including extra loss terms).
  public var loss: Double
  /// The fraction of training examples classified correctly during the epoch (training mode, augmented).
  public var trainAccuracy: Double
  /// The accuracy on the test set after the epoch, if one was given.
  public var testAccuracy: Double?
  /// The learning rate used in the epoch.
  public var learningRate: Float
  /// Wall-clock seconds spent training in the epoch (evaluation excluded).
  public var seconds: Double
  /// Training examples per second in the epoch.
  public var examplesPerSecond: Double

  /// Creates a record (the trainer makes them; the cell cache reads them back).
  public init(
    epoch: Int, loss: Double, trainAccuracy: Double, testAccuracy: Double?, learningRate: Float, seconds: Double,
    examplesPerSecond: Double
  ) {
    self.epoch = epoch
    self.loss = loss
    self.trainAccuracy = trainAccuracy
    self.testAccuracy = testAccuracy
    self.learningRate = learningRate
    self.seconds = seconds
    self.examplesPerSecond = examplesPerSecond
  }
}

/// The per-epoch record of a training run.
public struct TrainingHistory: Equatable, Sendable {
  /// One record per completed epoch.
  public var epochs: [EpochRecord] = []

  /// Creates an empty history.
  public init() {}

  /// The last epoch's record.
  public var last: EpochRecord? { epochs.last }
}

/// Where a training run is, reported after every batch.
public struct BatchProgress: Sendable {
  /// The epoch, from 1.
  public var epoch: Int
  /// The number of epochs of the run.
  public var epochs: Int
  /// The batch within the epoch, from 1.
  public var batch: Int
  /// The number of batches per epoch.
  public var batchesPerEpoch: Int
  /// This batch's loss.
  public var loss: Float
  /// The learning rate in use.
  public var learningRate: Float

  /// The fraction of the whole run done, in [0, 1].
  public var fractionDone: Double {
    Double((epoch - 1) * batchesPerEpoch + batch) / Double(Swift.max(epochs * batchesPerEpoch, 1))
  }
}
