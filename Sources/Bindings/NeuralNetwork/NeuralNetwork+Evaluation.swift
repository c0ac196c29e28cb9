import Kernel
import NeuralNetwork

/// `accuracy`, `evaluate`, `per_class_accuracy`, `confusion_matrix` and `predict`.
extension NeuralNetworkLibrary {
  static func registerEvaluation(into registry: BuiltinRegistry) {
    let common = [
      Parameter("net", .object(ModelObject.typeName)), Parameter("data", dataType), Parameter("batch", .int, default: .number(500)),
    ]

    registry.register(
      "accuracy", category: category,
      doc: "The fraction of `data` (a Dataset, or the test part of DatasetSplits) that `net` classifies correctly; with `variation`, the mean over `samples` Monte Carlo draws of RRAM crossbar weights.",
      parameters: common + [
        Parameter("variation", .oneOf([.number, .object(CrossbarVariationObject.typeName)]), default: .none),
        Parameter("samples", .int, default: .number(20)), Parameter("crossbar", .object(CrossbarObject.typeName), default: .none),
        Parameter("seed", .int, default: .number(0)),
      ],
      returns: .number
    ) { args, context in
      if args["variation"].isNone {
        for name in ["samples", "crossbar", "seed"] where args.isGiven(name) {
          throw args.error(name, "only applies with `variation` (the Monte Carlo accuracy on crossbars)")
        }
        return .number(try evaluation(args, context, function: "accuracy").accuracy)
      }
      // The crossbar binding owns the Monte Carlo: it reads net, data, batch, samples, crossbar and seed.
      return .number(try CrossbarLibrary.monteCarlo(args, context, function: "accuracy", variationArgument: "variation").mean)
    }

    registry.register(
      "evaluate", category: category,
      doc: "Accuracy, mean cross-entropy loss, per-class accuracy and confusion matrix (`[true][predicted]`) of `net` on `data`, as a record.",
      parameters: common, returns: .record
    ) { args, context in
      let result = try evaluation(args, context, function: "evaluate")
      return .record(
        Record([
          ("accuracy", .number(result.accuracy)), ("loss", .number(result.loss)), ("count", .number(Double(result.count))),
          ("per_class", .list(result.perClassAccuracy.map(optionalNumber))),
          ("confusion", matrixValue(result.confusionMatrix.map { $0.map(Double.init) })),
        ]))
    }

    registry.register(
      "per_class_accuracy", category: category,
      doc: "One row per class of `data`: label, class name, examples and the accuracy of `net` on them (none for a class without examples).",
      parameters: common, returns: .listOf(.record)
    ) { args, context in
      let result = try evaluation(args, context, function: "per_class_accuracy")
      let names = try evaluationSet(args, "data").dataset.classNames
      return .list(
        result.perClassAccuracy.enumerated().map { label, accuracy in
          .record(
            Record([
              ("label", .number(Double(label))), ("class", .string(label < names.count ? names[label] : "class \(label)")),
              ("examples", .number(Double(result.confusionMatrix[label].reduce(0, +)))), ("accuracy", optionalNumber(accuracy)),
            ]))
        })
    }

    registry.register(
      "confusion_matrix", category: category,
      doc: "How often each class of `data` (rows) was predicted as each class (columns) by `net`; `normalize: true` divides each row by its examples.",
      parameters: common + [Parameter("normalize", .bool, default: .bool(false))], returns: .listOf(.list)
    ) { args, context in
      let counts = try evaluation(args, context, function: "confusion_matrix").confusionMatrix
      guard try args.bool("normalize") else { return matrixValue(counts.map { $0.map(Double.init) }) }
      return matrixValue(
        counts.map { row in
          let total = row.reduce(0, +)
          return row.map { total == 0 ? 0 : Double($0) / Double(total) }
        })
    }

    registry.register(
      "predict", category: category,
      doc: "The class `net` predicts for each example of `data` (the index of its largest output), in order.",
      parameters: common, returns: .listOf(.int)
    ) { args, context in
      let net = try args.object("net", as: ModelObject.self)
      let (data, part) = try evaluationSet(args, "data")
      try checkFits(net.model, data, function: "predict", argument: part.isEmpty ? "data" : "\(part) set")
      let batch = try batchArgument(args)
      try reserveBatch(batch, of: net.model, examples: data.count, training: false, context, function: "predict")
      let outputs = try engine("predict") {
        try net.model.predict(data.inputs, batchSize: batch, hooks: net.hooks) { done, total in
          try context.progress(task: "predict \(net.model.name)", done: done, total: total)
        }
      }
      guard outputs.shape.count == 2 else {
        throw LabError("predict(): model '\(net.model.name)' gives outputs of shape \(Array(outputs.shape.dropFirst())) per example, not one score per class")
      }
      return .list(outputs.argmax(alongAxis: 1).map { .number(Double($0)) })
    }
  }

  /// The engine's evaluation of `net` on `data`, with progress and interruption per batch.
  static func evaluation(_ args: Arguments, _ context: Context, function: String) throws -> Evaluation {
    let net = try args.object("net", as: ModelObject.self)
    let (data, part) = try evaluationSet(args, "data")
    try checkFits(net.model, data, function: function, argument: part.isEmpty ? "data" : "\(part) set")
    guard data.count > 0 else { throw args.error("data", "has no examples to evaluate on") }
    let batch = try batchArgument(args)
    try reserveBatch(batch, of: net.model, examples: data.count, training: false, context, function: function)
    return try engine(function) {
      try net.model.evaluate(on: data, batchSize: batch, hooks: net.hooks) { done, total in
        try context.progress(task: "evaluate \(net.model.name)", done: done, total: total)
      }
    }
  }

  /// The evaluation batch size, checked.
  static func batchArgument(_ args: Arguments) throws -> Int {
    let batch = try args.int("batch")
    guard batch >= 1 else { throw args.error("batch", "must be a positive batch size, got \(batch)") }
    return batch
  }

  /// A number, or `none` for NaN (an accuracy over no examples).
  static func optionalNumber(_ x: Double) -> Value {
    x.isNaN ? .none : .number(x)
  }

  /// A matrix as a list of rows of numbers (what `heatmap` takes).
  static func matrixValue(_ rows: [[Double]]) -> Value {
    .list(rows.map { .list($0.map(Value.number)) })
  }
}
