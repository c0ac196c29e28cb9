import Kernel
import NeuralNetwork
import Tensor

/// How a data set was made (`fashion_mnist` or `synthetic` with its arguments), so the cell
/// cache can store a data set as its source and a digest of its contents, and make it again
/// on a hit instead of copying it.
enum DatasetRecipe: Sendable {
  /// `fashion_mnist(...)`: the subsets, seed and preparation, and the folder when one was named.
  case fashionMNIST(train: Int?, test: Int?, seed: UInt64, preprocessing: Preprocessing, validation: Double?, folder: String?)
  /// `synthetic(...)`: the generator and its parameters.
  case synthetic(
    kind: String, n: Int, classes: Int, dimensions: Int, spread: Double, noise: Double, turns: Double, seed: UInt64,
    test: Double, validation: Double?)

  /// The fraction of the training set held out for validation, if any.
  var validation: Double? {
    switch self {
    case .fashionMNIST(_, _, _, _, let validation, _): return validation
    case .synthetic(_, _, _, _, _, _, _, _, _, let validation): return validation
    }
  }

  /// Makes the data set (reading the files again for Fashion-MNIST).
  func make(checkpoint: (() throws -> Void)? = nil) throws -> DatasetSplits {
    switch self {
    case .fashionMNIST(let train, let test, let seed, let preprocessing, let validation, let folder):
      var splits = try FashionMNIST.load(
        train: train, test: test, seed: seed, preprocessing: preprocessing, directory: folder, checkpoint: checkpoint)
      if let validation { splits = try splits.withValidation(fraction: validation, seed: seed) }
      return splits
    case .synthetic(let kind, let n, let classes, let dimensions, let spread, let noise, let turns, let seed, let test, let validation):
      let all =
        kind == "blobs"
        ? try SyntheticData.blobs(classes: classes, dimensions: dimensions, perClass: n / classes, spread: Float(spread), seed: seed)
        : try SyntheticData.spirals(arms: classes, perArm: n / classes, noise: Float(noise), turns: Float(turns), seed: seed)
      let (train, testPart) = try all.split(validationFraction: test, seed: seed)
      var splits = DatasetSplits(train: train, test: testPart)
      if let validation { splits = try splits.withValidation(fraction: validation, seed: seed) }
      return splits
    }
  }

  /// The digest of what a data set holds: every part's shape, inputs bit for bit, labels and class names.
  static func digest(of splits: DatasetSplits) -> Digest {
    var hash = SHA256()
    for part in [splits.train, splits.test] + (splits.validation.map { [$0] } ?? []) {
      hash.update(field: part.inputs.shape.map(String.init).joined(separator: "x"))
      part.inputs.scalars.withUnsafeBytes { hash.update($0) }
      hash.update(count: part.labels.count)
      for label in part.labels { hash.update(count: label) }
      hash.update(count: part.classCount)
      for name in part.classNames { hash.update(field: name) }
    }
    hash.update(field: splits.validation == nil ? "no validation" : "validation")
    return hash.finish()
  }

  // MARK: Binary form

  func encode(to writer: CacheWriter) {
    func optionalInt(_ x: Int?) {
      writer.bool(x != nil)
      if let x { writer.int(x) }
    }
    switch self {
    case .fashionMNIST(let train, let test, let seed, let preprocessing, let validation, let folder):
      writer.byte(0)
      optionalInt(train)
      optionalInt(test)
      writer.int(Int(bitPattern: UInt(seed)))
      writer.bool(preprocessing.flatten)
      optionalInt(preprocessing.padToSide)
      optionalInt(preprocessing.downsampleToSide)
      switch preprocessing.normalization {
      case .unitRange: writer.byte(0)
      case .standardized: writer.byte(1)
      case .standardizedWith(let mean, let std):
        writer.byte(2)
        writer.floats([mean, std])
      }
      writer.optionalDouble(validation)
      writer.optionalString(folder)
    case .synthetic(let kind, let n, let classes, let dimensions, let spread, let noise, let turns, let seed, let test, let validation):
      writer.byte(1)
      writer.string(kind)
      writer.ints([n, classes, dimensions, Int(bitPattern: UInt(seed))])
      writer.doubles([spread, noise, turns, test])
      writer.optionalDouble(validation)
    }
  }

  static func decode(from reader: CacheReader) throws -> DatasetRecipe {
    func optionalInt() throws -> Int? { try reader.bool() ? try reader.int() : nil }
    switch try reader.byte() {
    case 0:
      let train = try optionalInt()
      let test = try optionalInt()
      let seed = UInt64(UInt(bitPattern: try reader.int()))
      var preprocessing = Preprocessing(flatten: try reader.bool())
      preprocessing.padToSide = try optionalInt()
      preprocessing.downsampleToSide = try optionalInt()
      switch try reader.byte() {
      case 0: preprocessing.normalization = .unitRange
      case 1: preprocessing.normalization = .standardized
      case 2:
        let values = try reader.floats()
        guard values.count == 2 else { throw CacheFormatError("cached data set has a bad normalization") }
        preprocessing.normalization = .standardizedWith(mean: values[0], std: values[1])
      default: throw CacheFormatError("cached data set has a bad normalization")
      }
      return .fashionMNIST(
        train: train, test: test, seed: seed, preprocessing: preprocessing, validation: try reader.optionalDouble(),
        folder: try reader.optionalString())
    case 1:
      let kind = try reader.string()
      let ints = try reader.ints()
      let doubles = try reader.doubles()
      guard ints.count == 4, doubles.count == 4, NeuralNetworkLibrary.syntheticKinds.contains(kind) else {
        throw CacheFormatError("cached synthetic data set has bad parameters")
      }
      return .synthetic(
        kind: kind, n: ints[0], classes: ints[1], dimensions: ints[2], spread: doubles[0], noise: doubles[1], turns: doubles[2],
        seed: UInt64(UInt(bitPattern: ints[3])), test: doubles[3], validation: try reader.optionalDouble())
    default: throw CacheFormatError("cached data set has an unknown source")
    }
  }
}
