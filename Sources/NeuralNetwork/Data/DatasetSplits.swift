/// The parts of a data set: training and test examples, and optionally a validation set cut from training.
public struct DatasetSplits: Sendable {
  /// The examples to train on.
  public var train: Dataset
  /// The held-out examples to report accuracy on.
  public var test: Dataset
  /// Examples cut from the training set for choosing hyper-parameters, when asked for.
  public var validation: Dataset?

  /// Creates the splits.
  public init(train: Dataset, test: Dataset, validation: Dataset? = nil) {
    self.train = train
    self.test = test
    self.validation = validation
  }

  /// These splits with a seeded, stratified `fraction` of the training set moved to `validation`.
  public func withValidation(fraction: Double, seed: UInt64) throws -> DatasetSplits {
    let (kept, held) = try train.split(validationFraction: fraction, seed: seed)
    return DatasetSplits(train: kept, test: test, validation: held)
  }
}
