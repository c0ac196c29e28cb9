import Kernel
import NeuralNetwork

/// Reading data and model arguments, and checking that data fits a model before any work starts.
extension NeuralNetworkLibrary {
  /// A data argument: the parts of a data set, or one set.
  static let dataType = ValueType.oneOf([.object(DatasetSplitsObject.typeName), .object(DatasetObject.typeName)])

  /// The set to evaluate on: a Dataset as given, or the test part of DatasetSplits.
  static func evaluationSet(_ args: Arguments, _ name: String) throws -> (dataset: Dataset, part: String) {
    switch args[name] {
    case .object(let splits as DatasetSplitsObject): return (try splits.splits.test, "test")
    case .object(let set as DatasetObject): return (try set.dataset, set.part)
    default: throw args.error(name, "must be a DatasetSplits or a Dataset, got \(args[name].typeName)")
    }
  }

  /// The sets to train on: all parts of DatasetSplits, or one Dataset to train on without a test set.
  static func trainingSets(_ args: Arguments, _ name: String) throws -> DatasetSplits? {
    switch args[name] {
    case .object(let splits as DatasetSplitsObject): return try splits.splits
    case .object: return nil
    default: throw args.error(name, "must be a DatasetSplits or a Dataset, got \(args[name].typeName)")
    }
  }

  /// Checks that the examples of `data` can go through `model` and that it has an output per class.
  ///
  /// The engine would refuse too, but only once a batch reaches it; this names both shapes and
  /// says how to fix it.
  static func checkFits(_ model: Model, _ data: Dataset, function: String, argument: String) throws {
    let example = Array(data.inputs.shape.dropFirst())
    guard model.accepts(exampleShape: example) else {
      var message = "\(function)(): shape mismatch: model '\(model.name)' takes examples of shape \(model.inputShape)"
      message += ", but the \(argument) has examples of shape \(example)"
      var help = "help: build the model with `input: data` (or `input: \(example)`) to match the data"
      if model.root.layers.first is Flatten {
        let values = example.reduce(1, *)
        message += " (\(values) values, the model takes \(model.inputShape.reduce(1, *)))"
        // An MLP's first size fixes its inputs; `input:` alone cannot change that.
        if model.name == "mlp" { help = "help: make the first size \(values) (`mlp([\(values), ...])`) to match the data" }
      }
      throw LabError(message, notes: [help])
    }
    if let outputs = model.outputCount, outputs < data.classCount {
      throw LabError(
        "\(function)(): model '\(model.name)' has \(outputs) outputs but the \(argument) has \(data.classCount) classes",
        notes: ["help: build the model with `classes: \(data.classCount)` (or `input: data`)"])
    }
  }

  /// The per-example input shape and class count a model builder gets from its `input` argument:
  /// a shape, a Dataset or DatasetSplits (whose example shape and classes are taken), or none.
  static func modelInput(_ args: Arguments) throws -> (shape: [Int]?, classes: Int?) {
    switch args["input"] {
    case .none: return (nil, nil)
    case .object(let splits as DatasetSplitsObject):
      let train = try splits.splits.train
      return (Array(train.inputs.shape.dropFirst()), train.classCount)
    case .object(let set as DatasetObject): return (try set.exampleShape, try set.dataset.classCount)
    case .list:
      let shape = try args.numbers("input").map { Int($0) }
      guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
        throw args.error("input", "must be a shape of positive sizes such as [1, 28, 28], got \(shape)")
      }
      return (shape, nil)
    default:
      throw args.error("input", "must be a shape, a Dataset or DatasetSplits, got \(args["input"].typeName)")
    }
  }

  /// The `input` parameter every model builder takes.
  static let inputParameter = Parameter(
    "input", .oneOf([.listOf(.int), .object(DatasetSplitsObject.typeName), .object(DatasetObject.typeName)]), default: .none)
}
