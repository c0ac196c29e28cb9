import Kernel
import NeuralNetwork
import Techniques

/// Class-aware pruning (Jiang et al., DATE 2024): filter importance per class, iterative pruning
/// with fine-tuning, classic baselines at the same filter counts, and the loss terms of its
/// regularised training (`train(..., penalties: [l1(1e-4), orthogonality(0.01)])`).
///
/// The engine side is `Techniques/ClassAwarePruning`; this folder turns its settings into checked
/// arguments and its results into objects with rows, members and a display.
enum ClassAwarePruningLibrary {
  static let category = "Class-aware pruning"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Jiang et al., DATE 2024: a filter's importance is the number of classes it matters for (first-order "
        + "Taylor terms `|a · dL/da|` of each class's images); filters important for few classes are removed and "
        + "the network is fine-tuned, round after round. Baselines: L1-norm, Taylor and random filter pruning.")
    registry.document(
      type: FilterImportanceObject.typeName, category: category,
      doc: "The importance of every filter of the scored convolutions; rows are filters.",
      members: FilterImportanceObject.memberDocs)
    registry.document(
      type: PruningResultObject.typeName, category: category,
      doc: "The outcome of `class_aware_prune`; rows are rounds (round 0 is the unpruned network).",
      members: PruningResultObject.memberDocs)
    registry.document(
      type: BaselineResultObject.typeName, category: category,
      doc: "A network pruned by a baseline criterion to given filter counts, then fine-tuned.",
      members: BaselineResultObject.memberDocs)
    registerPenalties(into: registry)
    registerImportance(into: registry)
    registerPruning(into: registry)
    registerBaselines(into: registry)
  }

  // MARK: - filter_importance

  static let aggregations = ["talk", "code"]

  static func registerImportance(into registry: BuiltinRegistry) {
    registry.register(
      "filter_importance", category: category,
      doc: "The class-aware importance of every filter of `net`'s prunable convolutions, scored on `per_class` images "
        + "of each class of `data` (its training part).",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("data", NeuralNetworkLibrary.dataType),
        Parameter("per_class", .int, default: .number(10)), Parameter("tau", .number, default: .number(1e-50)),
        Parameter("aggregation", .string, default: .string("talk")),
        Parameter("layers", .listOf(.string), default: .none), Parameter("seed", .int, default: .number(0)),
      ],
      returns: .object(FilterImportanceObject.typeName)
    ) { args, context in
      let data = try trainingSet(args, "data")
      let model = try network(args, data: data, function: "filter_importance")
      let estimator = try estimator(args)
      let result = try engine("filter_importance") {
        try estimator.measure(model, on: data) { p in
          try context.progress(task: "filter_importance: class", done: p.done, total: p.total)
        }
      }
      return .object(FilterImportanceObject(result))
    }
  }

  /// The importance settings from `per_class`, `tau`, `aggregation`, `seed` and (if declared) `layers`.
  static func estimator(_ args: Arguments) throws -> ImportanceEstimator {
    let perClass = try args.int("per_class")
    guard perClass >= 1 else { throw args.error("per_class", "must be a positive number of images, got \(perClass)") }
    let tau = try args.number("tau")
    guard tau >= 0, tau.isFinite else { throw args.error("tau", "must be zero or positive, got \(NumberFormatting.plain(tau))") }
    let aggregation = try args.choice("aggregation", among: aggregations)
    var layers: [String]?
    if args.isGiven("layers") { layers = try args.strings("layers") }
    return ImportanceEstimator(
      imagesPerClass: perClass, tau: tau, aggregation: aggregation == "code" ? .sumThenMax : .maxThenSum,
      seed: seed(try args.int("seed")), layers: layers)
  }

  // MARK: - class_aware_prune

  static let orthogonalityKinds = OrthogonalityKind.allCases.map(\.rawValue)
  static let l1Scopes = ["weights", "all"]

  /// Fine-tuning and regularisation parameters shared by the pruning builtins.
  static let fineTuningParameters: [Parameter] = [
    Parameter("finetune_epochs", .int, default: .number(10)), Parameter("lr", .number, default: .number(0.01)),
    Parameter("momentum", .number, default: .number(0.9)), Parameter("weight_decay", .number, default: .number(5e-4)),
    Parameter("batch", .int, default: .number(64)), Parameter("finetune_schedule", .string, default: .string("constant")),
    Parameter("l1", .number, default: .number(1e-4)), Parameter("orthogonality", .number, default: .number(0.01)),
    Parameter("orthogonality_kind", .string, default: .string("kernel")),
    Parameter("l1_scope", .string, default: .string("weights")),
  ]

  static func registerPruning(into registry: BuiltinRegistry) {
    registry.register(
      "class_aware_prune", category: category,
      doc: "Prunes a copy of `net` round by round: filters whose importance is below `threshold` go, then "
        + "`finetune_epochs` of SGD with the L1 and orthogonality terms; stops when no filter is below the threshold, "
        + "when test accuracy falls under `floor` (that round is undone), or after `rounds`.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("data", .object(DatasetSplitsObject.typeName)),
        Parameter("threshold", .number), Parameter("max_per_layer", .int, default: .none),
        Parameter("min_filters", .int, default: .number(1)), Parameter("rounds", .int, default: .number(10)),
        Parameter("floor", .number, default: .none), Parameter("keep_below_floor", .bool, default: .bool(false)),
      ] + fineTuningParameters + [
        Parameter("per_class", .int, default: .number(10)), Parameter("tau", .number, default: .number(1e-50)),
        Parameter("aggregation", .string, default: .string("talk")), Parameter("seed", .int, default: .number(0)),
      ],
      returns: .object(PruningResultObject.typeName)
    ) { args, context in
      let splits = try args.object("data", as: DatasetSplitsObject.self).splits
      let model = try network(args, data: splits.train, function: "class_aware_prune")
      let threshold = try args.number("threshold")
      guard threshold >= 0, threshold.isFinite else {
        throw args.error("threshold", "must be zero or positive (a number of classes), got \(NumberFormatting.plain(threshold))")
      }
      let cap = try args.optionalInt("max_per_layer")
      if let cap, cap < 1 { throw args.error("max_per_layer", "must be a positive number of filters, got \(cap)") }
      let minimum = try args.int("min_filters")
      guard minimum >= 1 else { throw args.error("min_filters", "must be at least 1, got \(minimum)") }
      let rounds = try args.int("rounds")
      guard rounds >= 1, rounds <= 1000 else { throw args.error("rounds", "must be between 1 and 1000, got \(rounds)") }
      let floor = try args.optionalNumber("floor")
      if let floor, !(0...1).contains(floor) {
        throw args.error("floor", "is an accuracy between 0 and 1, got \(NumberFormatting.plain(floor))")
      }
      let seedValue = seed(try args.int("seed"))
      var tuning = try fineTuning(args)
      tuning.seed = seedValue
      let pruner = ClassAwarePruner(
        estimator: try estimator(args), selection: PruningSelection(threshold: threshold, maxPerLayer: cap, minimumKept: minimum),
        fineTuning: tuning, maxRounds: rounds, accuracyFloor: floor, keepsRoundBelowFloor: try args.bool("keep_below_floor"))
      let result = try engine("class_aware_prune") {
        try pruner.run(model, train: splits.train, test: splits.test) { p in
          try context.progress(task: "class_aware_prune: \(p.task)", done: p.done, total: p.total)
        }
      }
      return .object(PruningResultObject(result, fineTuning: tuning, threshold: threshold))
    }
  }

  /// Fine-tuning settings from the shared parameters (with `finetune_epochs`), each checked.
  static func fineTuning(_ args: Arguments) throws -> FineTuning {
    let epochs = try args.int("finetune_epochs")
    guard epochs >= 0, epochs <= 10_000 else { throw args.error("finetune_epochs", "must be between 0 and 10000, got \(epochs)") }
    return try fineTuning(args, epochsFrom: epochs)
  }

  /// The L1 and orthogonality terms from `l1`, `orthogonality`, `orthogonality_kind`, `l1_scope`.
  static func regularization(_ args: Arguments) throws -> PruningRegularization {
    let l1 = try args.number("l1")
    guard l1 >= 0, l1.isFinite else { throw args.error("l1", "must be zero or positive, got \(NumberFormatting.plain(l1))") }
    let orthogonality = try args.number("orthogonality")
    guard orthogonality >= 0, orthogonality.isFinite else {
      throw args.error("orthogonality", "must be zero or positive, got \(NumberFormatting.plain(orthogonality))")
    }
    let kind = try args.choice("orthogonality_kind", among: orthogonalityKinds)
    let scope = try args.choice("l1_scope", among: l1Scopes)
    return PruningRegularization(
      l1: l1, orthogonality: orthogonality, orthogonalityKind: OrthogonalityKind(rawValue: kind) ?? .kernel,
      l1Scope: scope == "all" ? .allParameters : .weights)
  }

  // MARK: - prune_filters

  static let criteria = BaselineCriterion.allCases.map(\.rawValue)
  static let schedules = ["constant", "cosine"]

  static func registerBaselines(into registry: BuiltinRegistry) {
    registry.register(
      "prune_filters", category: category,
      doc: "Prunes a copy of `net` to the per-layer filter counts of `like` (a class_aware_prune result, or records "
        + "`{layer, count}`) by `method` (\"l1\", \"taylor\" or \"random\"), then fine-tunes it; with a result, "
        + "the fine-tuning settings, epochs and runs (one per kept round) default to the result's.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("data", .object(DatasetSplitsObject.typeName)),
        Parameter("method", .string),
        Parameter("like", .oneOf([.object(PruningResultObject.typeName), .list, .record])),
        Parameter("epochs", .int, default: .none), Parameter("epochs_per_run", .int, default: .none),
      ] + fineTuningParameters.filter { $0.name != "finetune_epochs" } + [
        Parameter("per_class", .int, default: .number(10)), Parameter("seed", .int, default: .number(0)),
      ],
      returns: .object(BaselineResultObject.typeName)
    ) { args, context in
      let splits = try args.object("data", as: DatasetSplitsObject.self).splits
      let model = try network(args, data: splits.train, function: "prune_filters")
      let method = try args.choice("method", among: criteria)
      let criterion = BaselineCriterion(rawValue: method) ?? .l1
      let (targets, reference) = try filterCounts(args, "like", model: model)
      // A result's settings stand unless an argument overrides them: the same budget, the same optimiser.
      let given = Set(fineTuningParameters.map(\.name).filter { args.isGiven($0) })
      var tuning = try fineTuning(args, epochsFrom: 0)
      if let reference { tuning = merged(reference.fineTuning, with: tuning, given: given) }
      let epochs = try args.optionalInt("epochs") ?? reference?.result.fineTuneEpochs ?? 0
      guard epochs >= 0, epochs <= 10_000 else { throw args.error("epochs", "must be between 0 and 10000, got \(epochs)") }
      // By default the epochs are spent in runs as long as the result's rounds: the same learning-rate trajectory.
      let perRun = try args.optionalInt("epochs_per_run") ?? reference.map { $0.fineTuning.epochs }
      if let perRun, perRun < 1 { throw args.error("epochs_per_run", "must be a positive number of epochs, got \(perRun)") }
      let perClass = try args.int("per_class")
      guard perClass >= 1 else { throw args.error("per_class", "must be a positive number of images, got \(perClass)") }
      let seedValue = seed(try args.int("seed"))
      tuning.seed = seedValue
      let pruner = BaselinePruner(criterion: criterion, fineTuning: tuning, imagesPerClass: perClass, seed: seedValue)
      let result = try engine("prune_filters") {
        try pruner.run(
          model, targets: targets, train: splits.train, test: splits.test, epochs: epochs,
          epochsPerRun: perRun.map { Swift.max($0, 1) }
        ) { p in
          try context.progress(task: "prune_filters \(method): \(p.task)", done: p.done, total: p.total)
        }
      }
      return .object(BaselineResultObject(result))
    }
  }

  /// `reference` with the settings named in `given` taken from `explicit`.
  static func merged(_ reference: FineTuning, with explicit: FineTuning, given: Set<String>) -> FineTuning {
    var merged = reference
    if given.contains("lr") { merged.learningRate = explicit.learningRate }
    if given.contains("momentum") { merged.momentum = explicit.momentum }
    if given.contains("weight_decay") { merged.weightDecay = explicit.weightDecay }
    if given.contains("batch") { merged.batchSize = explicit.batchSize }
    if given.contains("finetune_schedule") { merged.schedule = explicit.schedule }
    if given.contains("l1") { merged.regularization.l1 = explicit.regularization.l1 }
    if given.contains("orthogonality") { merged.regularization.orthogonality = explicit.regularization.orthogonality }
    if given.contains("orthogonality_kind") { merged.regularization.orthogonalityKind = explicit.regularization.orthogonalityKind }
    if given.contains("l1_scope") { merged.regularization.l1Scope = explicit.regularization.l1Scope }
    return merged
  }

  /// Fine-tuning settings for builtins without a `finetune_epochs` parameter.
  static func fineTuning(_ args: Arguments, epochsFrom epochs: Int, scheduleArgument: String? = "finetune_schedule") throws
    -> FineTuning
  {
    let lr = try args.number("lr")
    guard lr > 0, lr.isFinite else { throw args.error("lr", "must be a positive learning rate, got \(NumberFormatting.plain(lr))") }
    let momentum = try args.number("momentum")
    guard momentum >= 0, momentum < 1 else { throw args.error("momentum", "must be in [0, 1), got \(NumberFormatting.plain(momentum))") }
    let decay = try args.number("weight_decay")
    guard decay >= 0, decay.isFinite else { throw args.error("weight_decay", "must be zero or positive, got \(NumberFormatting.plain(decay))") }
    let batch = try args.int("batch")
    guard batch >= 1 else { throw args.error("batch", "must be a positive batch size, got \(batch)") }
    var schedule = LearningRateSchedule.constant
    if let scheduleArgument {
      schedule = try args.choice(scheduleArgument, among: schedules) == "cosine" ? .cosine(minimum: 0) : .constant
    }
    return FineTuning(
      epochs: epochs, learningRate: lr, momentum: momentum, weightDecay: decay, batchSize: batch, schedule: schedule,
      regularization: try regularization(args))
  }

  /// Per-layer targets from a result, a list of `{layer, count}` records, or a record `{layer: count}`.
  static func filterCounts(_ args: Arguments, _ name: String, model: Model) throws
    -> (targets: [LayerFilters], reference: PruningResultObject?)
  {
    var targets = [LayerFilters]()
    var reference: PruningResultObject?
    switch args[name] {
    case .object(let result as PruningResultObject):
      reference = result
      targets = result.result.final.cost.filters
    case .list(let items):
      for (i, item) in items.enumerated() {
        guard case .record(let r) = item, case .string(let layer)? = r["layer"], case .number(let count)? = r["count"] else {
          throw args.error(name, "element \(i) must be a record {layer: \"conv1\", count: 12}, got \(item.typeName)")
        }
        targets.append(LayerFilters(layer: layer, count: Int(count)))
      }
    case .record(let r):
      for (layer, value) in r.fields {
        guard case .number(let count) = value else {
          throw args.error(name, "field '\(layer)' must be a number of filters, got \(value.typeName)")
        }
        targets.append(LayerFilters(layer: layer, count: Int(count)))
      }
    default:
      throw args.error(name, "must be a class_aware_prune result or filter counts, got \(args[name].typeName)")
    }
    let convolutions = model.convolutions
    for target in targets {
      guard let conv = model.layer(target.layer) as? Conv2d else {
        throw args.error(
          name, "names layer '\(target.layer)', which is not a convolution of '\(model.name)'"
            + Suggestion.hint(for: target.layer, among: convolutions))
      }
      guard target.count >= 1, target.count <= conv.outChannels else {
        throw args.error(name, "asks layer '\(target.layer)' to keep \(target.count) of its \(conv.outChannels) filters")
      }
    }
    return (targets, reference)
  }

  // MARK: - Shared helpers

  /// The training part of DatasetSplits, or a Dataset as given.
  static func trainingSet(_ args: Arguments, _ name: String) throws -> Dataset {
    try NeuralNetworkLibrary.trainingSets(args, name)?.train ?? NeuralNetworkLibrary.evaluationSet(args, name).dataset
  }

  /// The network of the `net` argument, checked against the data; models with forward hooks are refused.
  ///
  /// A quantised model's hooks are calibrated per layer path and channel; pruning changes the
  /// channels, and the engine's pruning runs the model without hooks, so prune before quantising.
  static func network(_ args: Arguments, data: Dataset, function: String) throws -> Model {
    let net = try args.object("net", as: ModelObject.self)
    guard net.hooks.isEmpty else {
      throw args.error("net", "carries forward hooks (a quantised model); prune the float model, then quantize it")
    }
    try NeuralNetworkLibrary.checkFits(net.model, data, function: function, argument: "data")
    return net.model
  }

  static func seed(_ seed: Int) -> UInt64 { NeuralNetworkLibrary.seed(seed) }

  static func engine<T>(_ function: String, _ body: () throws -> T) throws -> T {
    try NeuralNetworkLibrary.engine(function, body)
  }

  static func grouped(_ n: Int) -> String { NeuralNetworkLibrary.grouped(n) }

  /// Rows of filter counts per layer.
  static func filterRows(_ filters: [LayerFilters]) -> Value {
    .list(filters.map { .record(Record([("layer", .string($0.layer)), ("count", .number(Double($0.count)))])) })
  }

  /// A network cost as a record.
  static func costRecord(_ cost: NetworkCost) -> Record {
    Record([
      ("params", .number(Double(cost.parameters))), ("macs", .number(Double(cost.macs))),
      ("filters", .number(Double(cost.totalFilters))),
    ])
  }
}
