import Hardware
import Kernel
import NeuralNetwork
import Techniques

/// `compensate` and `compensated_accuracy`: training and evaluating compensation units.
extension CorrectNetLibrary {
  /// Training parameters shared by `compensate` and `select_compensation`.
  static let trainingParameters: [Parameter] = [
    Parameter("rank", .int, default: .none), Parameter("epochs", .int, default: .number(1)),
    Parameter("lr", .number, default: .number(0.01)), Parameter("batch", .int, default: .number(64)),
    Parameter("objective", .string, default: .string(CompensationTraining.Objective.labels.rawValue)),
    Parameter("seed", .int, default: .number(0)),
  ]

  static func registerCompensation(into registry: BuiltinRegistry) {
    registry.register(
      "compensate", category: category,
      doc: "Adds compensation units (a k×k generator to `rank` channels and a 1×1 compensator, or two small linear maps) to `layers` of `net` and trains only them on `data` (its training part), a fresh variation draw per batch; `net` is unchanged.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("data", NeuralNetworkLibrary.dataType),
        Parameter("layers", .listOf(.string)),
        Parameter("sigma", .oneOf([.number, .object(CrossbarVariationObject.typeName)])),
      ] + trainingParameters,
      returns: .object(CompensationObject.typeName)
    ) { args, context in
      let net = try args.object("net", as: ModelObject.self)
      let data = try trainingData(args)
      try NeuralNetworkLibrary.checkFits(net.model, data, function: "compensate", argument: "data")
      let layers = try args.strings("layers")
      try checkLayers(layers, of: net.model, function: "compensate")
      let training = try trainingSettings(args)
      let rank = try rankArgument(args)
      let network = try NeuralNetworkLibrary.engine("compensate") {
        try CompensatedNetwork(model: net.model, layers: layers, rank: rank, seed: training.seed)
      }
      let losses = try NeuralNetworkLibrary.engine("compensate") {
        try training.run(network, on: data, hooks: net.hooks) { p in
          try context.progress(task: "compensate: batch", done: p.done, total: p.total)
        }
      }
      return .object(CompensationObject(network, hooks: net.hooks, losses: losses, sigma: training.variation.sigma))
    }

    registry.register(
      "compensated_accuracy", category: category,
      doc: "Monte Carlo accuracy of a compensated network on `data` under variation: a record {mean, std, min, max, samples}; sample i draws the same chip as sample i of `accuracy_under_variation` with the same seed.",
      parameters: [
        Parameter("compensation", .object(CompensationObject.typeName)), Parameter("data", NeuralNetworkLibrary.dataType),
        Parameter("sigma", .oneOf([.number, .object(CrossbarVariationObject.typeName)])),
        Parameter("samples", .int, default: .number(20)), Parameter("seed", .int, default: .number(0)),
        Parameter("batch", .int, default: .number(1000)),
      ],
      returns: .record
    ) { args, context in
      let compensation = try args.object("compensation", as: CompensationObject.self)
      let (data, part) = try NeuralNetworkLibrary.evaluationSet(args, "data")
      try NeuralNetworkLibrary.checkFits(
        compensation.network.model, data, function: "compensated_accuracy", argument: part.isEmpty ? "data" : "\(part) set")
      let evaluation = try evaluationSettings(args)
      let result = try NeuralNetworkLibrary.engine("compensated_accuracy") {
        try evaluation.accuracy(of: compensation.network, on: data, hooks: compensation.hooks) { p in
          try context.progress(task: "compensated_accuracy: sample", done: p.done, total: p.total)
        }
      }
      return .record(accuracyRecord(result))
    }
  }

  /// The training part of a `data` argument (DatasetSplits) or the Dataset given.
  static func trainingData(_ args: Arguments, _ name: String = "data") throws -> Dataset {
    let data: Dataset
    if let splits = try NeuralNetworkLibrary.trainingSets(args, name) {
      data = splits.train
    } else {
      data = try args.object(name, as: DatasetObject.self).dataset
    }
    guard data.count > 0 else { throw args.error(name, "has no examples to train on") }
    return data
  }

  /// `rank`: none or a positive number of channels.
  static func rankArgument(_ args: Arguments) throws -> Int? {
    let rank = try args.optionalInt("rank")
    if let rank, rank < 1 { throw args.error("rank", "must be a positive number of channels, got \(rank)") }
    return rank
  }

  /// The training settings from `sigma`, `epochs`, `lr`, `batch`, `objective` and `seed`.
  static func trainingSettings(_ args: Arguments) throws -> CompensationTraining {
    let epochs = try args.int("epochs")
    guard epochs >= 1 else { throw args.error("epochs", "must be at least 1, got \(epochs)") }
    let batch = try args.int("batch")
    guard batch >= 1 else { throw args.error("batch", "must be a positive batch size, got \(batch)") }
    let lr = try args.number("lr")
    guard lr.isFinite, lr > 0 else { throw args.error("lr", "must be positive, got \(NumberFormatting.plain(lr))") }
    return try NeuralNetworkLibrary.engine(args.function) {
      try CompensationTraining(
        variation: try variation(args), epochs: epochs, batchSize: batch, learningRate: lr,
        seed: NeuralNetworkLibrary.seed(try args.int("seed")),
        objective: try args.choice("objective", as: CompensationTraining.Objective.self))
    }
  }

  /// The Monte Carlo settings from `sigma`, `samples`, `seed` (or `eval_seed`) and `batch`.
  static func evaluationSettings(_ args: Arguments, samples: String = "samples", seed: String = "seed", batch: String = "batch")
    throws -> CompensatedVariation
  {
    let count = try args.int(samples)
    guard count >= 1 else { throw args.error(samples, "must be at least 1, got \(count)") }
    let size = try args.int(batch)
    guard size >= 1 else { throw args.error(batch, "must be a positive batch size, got \(size)") }
    return try NeuralNetworkLibrary.engine(args.function) {
      try CompensatedVariation(
        variation: try variation(args), samples: count, seed: NeuralNetworkLibrary.seed(try args.int(seed)), batchSize: size)
    }
  }

  /// `{mean, std, min, max, samples, sigma}`, as `accuracy_under_variation` gives.
  static func accuracyRecord(_ result: VariationAccuracy) -> Record {
    Record([
      ("mean", .number(result.mean)), ("std", .number(result.standardDeviation)),
      ("min", .number(result.minimum)), ("max", .number(result.maximum)),
      ("samples", .list(result.accuracies.map(Value.number))), ("sigma", .number(result.variation.sigma)),
    ])
  }
}
