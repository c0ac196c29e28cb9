import Kernel
import NeuralNetwork
import Tensor

/// `fashion_mnist` and `synthetic`: the data sets.
extension NeuralNetworkLibrary {
  static let normalizations = ["unit", "standard"]
  static let syntheticKinds = ["blobs", "spirals"]

  static func registerData(into registry: BuiltinRegistry) {
    registry.register(
      "fashion_mnist", category: category,
      doc: "Fashion-MNIST from the Debian package `dataset-fashion-mnist`: seeded, class-balanced subsets of `train` and `test` examples, prepared as asked.",
      parameters: [
        Parameter("train", .int, default: .none), Parameter("test", .int, default: .none),
        Parameter("seed", .int, default: .number(0)), Parameter("pad", .int, default: .none),
        Parameter("size", .int, default: .none), Parameter("flatten", .bool, default: .bool(false)),
        Parameter("normalize", .string, default: .string("unit")), Parameter("validation", .number, default: .none),
        Parameter("folder", .string, default: .none),
      ],
      returns: .object(DatasetSplitsObject.typeName)
    ) { args, context in
      for name in ["train", "test"] {
        if let count = try args.optionalInt(name), count < 1 {
          throw args.error(name, "must be a positive number of examples, got \(count)")
        }
      }
      var preprocessing = Preprocessing(flatten: try args.bool("flatten"))
      if let side = try args.optionalInt("pad") {
        guard side >= FashionMNIST.imageSide else { throw args.error("pad", "must be at least the image side 28, got \(side)") }
        preprocessing.padToSide = side
      }
      if let side = try args.optionalInt("size") {
        guard side >= 1 else { throw args.error("size", "must be positive, got \(side)") }
        preprocessing.downsampleToSide = side
      }
      preprocessing.normalization = try args.choice("normalize", among: normalizations) == "standard" ? .standardized : .unitRange
      let validation = try validationFraction(args)
      let randomSeed = seed(try args.int("seed"))
      // Float32 images at the prepared side (padding is applied before any downsampling).
      let count = (try args.optionalInt("train") ?? 60_000) + (try args.optionalInt("test") ?? 10_000)
      let side = preprocessing.padToSide ?? preprocessing.downsampleToSide ?? FashionMNIST.imageSide
      try context.reserve(
        bytes: .saturatingProduct(count, side, side, 4), for: "fashion_mnist(): \(grouped(count)) images of \(side) x \(side)")
      try context.checkInterrupt()
      let folder = try args.optionalString("folder").map { try context.readPath($0, for: args.function) }
      if folder == nil { context.noteRead(FashionMNIST.dataDirectory()) }
      let recipe = DatasetRecipe.fashionMNIST(
        train: try args.optionalInt("train"), test: try args.optionalInt("test"), seed: randomSeed, preprocessing: preprocessing,
        validation: validation, folder: folder)
      let splits = try engine("fashion_mnist") { try recipe.make(checkpoint: { try context.checkInterrupt() }) }
      return .object(DatasetSplitsObject(splits, source: "Fashion-MNIST", recipe: recipe))
    }

    registry.register(
      "synthetic", category: category,
      doc: "A small seeded data set made on the spot: `\"blobs\"` (Gaussian clusters) or `\"spirals\"` (interleaved arms), `n` points split into train and a `test` fraction.",
      parameters: [
        Parameter("kind", .string), Parameter("n", .int, default: .number(600)), Parameter("classes", .int, default: .number(3)),
        Parameter("seed", .int, default: .number(0)), Parameter("test", .number, default: .number(0.2)),
        Parameter("validation", .number, default: .none), Parameter("dimensions", .int, default: .number(2)),
        Parameter("spread", .number, default: .number(1)), Parameter("noise", .number, default: .number(0.2)),
        Parameter("turns", .number, default: .number(1)),
      ],
      returns: .object(DatasetSplitsObject.typeName)
    ) { args, context in
      let kind = try args.choice("kind", among: syntheticKinds)
      let n = try args.int("n")
      let classes = try args.int("classes")
      guard classes >= 1 else { throw args.error("classes", "must be at least 1, got \(classes)") }
      guard n >= 2 * classes, n % classes == 0 else {
        throw args.error("n", "must be a multiple of classes (\(classes)) with at least two examples per class, got \(n)")
      }
      let testFraction = try args.number("test")
      guard testFraction > 0, testFraction < 1 else { throw args.error("test", "must be a fraction between 0 and 1, got \(NumberFormatting.plain(testFraction))") }
      if kind == "spirals", args.isGiven("dimensions"), try args.int("dimensions") != 2 {
        throw args.error("dimensions", "applies to blobs only; spirals are 2-D")
      }
      let dimensions = kind == "blobs" ? try args.int("dimensions") : 2
      guard dimensions >= 1 else { throw args.error("dimensions", "must be at least 1, got \(dimensions)") }
      // The points, then the train/test (and validation) copies of them: about three times the set.
      try context.reserve(
        bytes: .saturatingProduct(n, dimensions + 1, 4 * 3),
        for: "synthetic(): \(grouped(n)) points of \(dimensions) dimensions")
      let recipe = DatasetRecipe.synthetic(
        kind: kind, n: n, classes: classes, dimensions: try args.int("dimensions"), spread: try args.number("spread"),
        noise: try args.number("noise"), turns: try args.number("turns"), seed: seed(try args.int("seed")), test: testFraction,
        validation: try validationFraction(args))
      let splits = try engine("synthetic") { try recipe.make() }
      return .object(DatasetSplitsObject(splits, source: kind, recipe: recipe))
    }
  }

  /// `dataset_splits(train:, test:, validation:)`: parts put together, e.g. a training subset with the
  /// validation split standing as the part a technique judges on.
  static func registerSplits(into registry: BuiltinRegistry) {
    registry.register(
      "dataset_splits", category: category,
      doc: "Puts Datasets together as the parts of a data set (`train`, `test`, optionally `validation`), e.g. a "
        + "training subset with `data.validation` as the part a technique measures accuracy on.",
      parameters: [
        Parameter("train", .object(DatasetObject.typeName)), Parameter("test", .object(DatasetObject.typeName)),
        Parameter("validation", .object(DatasetObject.typeName), default: .none),
      ],
      returns: .object(DatasetSplitsObject.typeName)
    ) { args, _ in
      let trainObject = try args.object("train", as: DatasetObject.self)
      let testObject = try args.object("test", as: DatasetObject.self)
      let validationObject = args.isGiven("validation") ? try args.object("validation", as: DatasetObject.self) : nil
      let train = try trainObject.dataset
      var parts = [("test", try testObject.dataset)]
      if let validationObject { parts.append(("validation", try validationObject.dataset)) }
      let shape = Array(train.inputs.shape.dropFirst())
      for (name, part) in parts {
        guard Array(part.inputs.shape.dropFirst()) == shape, part.classCount == train.classCount else {
          throw args.error(
            name, "must have the training part's example shape \(shape) and \(train.classCount) classes, got "
              + "\(Array(part.inputs.shape.dropFirst())) and \(part.classCount)")
        }
      }
      return .object(DatasetSplitsObject(train: trainObject, test: testObject, validation: validationObject, source: "parts"))
    }
  }

  /// The `validation` fraction, checked, or `nil` for none.
  static func validationFraction(_ args: Arguments) throws -> Double? {
    guard let fraction = try args.optionalNumber("validation") else { return nil }
    guard fraction > 0, fraction < 1 else {
      throw args.error("validation", "must be a fraction of the training set between 0 and 1, got \(NumberFormatting.plain(fraction))")
    }
    return fraction
  }

}
