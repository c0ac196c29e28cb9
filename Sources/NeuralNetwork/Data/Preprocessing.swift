/// How image data is prepared for a network: padding, down-sampling, normalisation and flattening.
///
/// Applied in that order: padding adds background zeros before any shift, and the statistics for
/// standardisation are those of the final training inputs.
public struct Preprocessing: Sendable, Equatable {
  /// How pixel values are scaled after they are brought to [0, 1].
  public enum Normalization: Sendable, Equatable {
    /// Pixels in [0, 1].
    case unitRange
    /// Zero mean and unit deviation, with the statistics of the training set applied to every split.
    case standardized
    /// `(x - mean) / std` with given statistics.
    case standardizedWith(mean: Float, std: Float)
  }

  /// How pixel values are scaled.
  public var normalization: Normalization
  /// The side images are padded to with zeros (32 for LeNet-style networks), or nil to keep them.
  public var padToSide: Int?
  /// The side images are averaged down to (14 or 7 from 28), or nil to keep them.
  public var downsampleToSide: Int?
  /// Whether each image becomes one vector, for multilayer perceptrons.
  public var flatten: Bool

  /// Creates a preparation; the default keeps 28x28 images with pixels in [0, 1].
  public init(
    normalization: Normalization = .unitRange, padToSide: Int? = nil, downsampleToSide: Int? = nil,
    flatten: Bool = false
  ) {
    self.normalization = normalization
    self.padToSide = padToSide
    self.downsampleToSide = downsampleToSide
    self.flatten = flatten
  }

  /// Prepares a training and a test set alike, standardising both with the training statistics.
  public func apply(train: Dataset, test: Dataset) throws -> (train: Dataset, test: Dataset) {
    var train = train
    var test = test
    if let side = padToSide {
      train = try train.padded(toSide: side)
      test = try test.padded(toSide: side)
    }
    if let side = downsampleToSide {
      train = try train.downsampled(toSide: side)
      test = try test.downsampled(toSide: side)
    }
    switch normalization {
    case .unitRange:
      break
    case .standardized:
      let (mean, std) = train.inputStatistics()
      train = try train.normalized(mean: mean, std: std)
      test = try test.normalized(mean: mean, std: std)
    case .standardizedWith(let mean, let std):
      train = try train.normalized(mean: mean, std: std)
      test = try test.normalized(mean: mean, std: std)
    }
    if flatten {
      train = train.flattened()
      test = test.flattened()
    }
    return (train, test)
  }
}
