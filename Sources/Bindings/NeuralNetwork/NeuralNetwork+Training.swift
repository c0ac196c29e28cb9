import Kernel
import NeuralNetwork
import Techniques

/// `train`: mini-batch training with progress, interruption and the engine's divergence errors.
extension NeuralNetworkLibrary {
  static let optimizers = ["sgd", "adam", "adamw"]
  static let schedules = ["constant", "cosine", "step"]

  static func registerTraining(into registry: BuiltinRegistry) {
    registry.register(
      "train", category: category,
      doc: "Trains `net` in place on `data.train` (testing on `data.test` after each epoch) and returns its History, one row per epoch; `penalties` adds terms to the loss (`[l1(1e-4), orthogonality(0.01)]`). Given a list of networks, trains each with the same settings, side by side on the cores (the same results, bit for bit, as one after the other), and returns their Histories in order; `penalties` is then one list for all, or one list per network (`[[exit_loss(a)], [exit_loss(b)]]`), which a penalty belonging to one network (its heads or taps) needs.",
      parameters: [
        Parameter("net", .oneOf([.object(ModelObject.typeName), .listOf(.object(ModelObject.typeName))])), Parameter("data", dataType),
        Parameter("epochs", .int, default: .number(10)), Parameter("lr", .number, default: .number(0.05)),
        Parameter("batch", .int, default: .number(64)), Parameter("momentum", .number, default: .number(0.9)),
        Parameter("optimizer", .string, default: .string("sgd")), Parameter("schedule", .string, default: .string("constant")),
        Parameter("weight_decay", .number, default: .number(0)),
        Parameter("augment", .oneOf([.bool, .record]), default: .bool(false)),
        Parameter("seed", .int, default: .number(0)), Parameter("nesterov", .bool, default: .bool(false)),
        Parameter("min_lr", .number, default: .number(0)), Parameter("step_every", .int, default: .none),
        Parameter("step_factor", .number, default: .number(0.1)), Parameter("shuffle", .bool, default: .bool(true)),
        Parameter("evaluate", .bool, default: .bool(true)),
        Parameter(
          "penalties", .oneOf([.listOf(.object(PenaltyObject.typeName)), .listOf(.listOf(.object(PenaltyObject.typeName)))]),
          default: .list([])),
      ],
      returns: .oneOf([.object(HistoryObject.typeName), .listOf(.object(HistoryObject.typeName))])
    ) { args, context in
      let nets = try networksToTrain(args)
      let splits = try trainingSets(args, "data")
      let trainSet = try splits?.train ?? evaluationSet(args, "data").dataset
      for net in nets { try checkFits(net.model, trainSet, function: "train", argument: "data") }
      guard trainSet.count > 0 else { throw args.error("data", "has no training examples") }
      let configuration = try trainingConfiguration(args, images: trainSet.inputs.shape.count == 4)
      try reserveBatch(configuration.batchSize, of: nets.map(\.model), examples: trainSet.count, training: true, context, function: "train")
      let test = try args.bool("evaluate") ? splits?.test : nil
      let runs = try penaltiesPerNetwork(args, networks: nets.count).map { terms in
        var configuration = configuration
        configuration.addLoss(terms)
        return TrainingRun(trainSet: trainSet, test: test, validation: splits?.validation, configuration: configuration)
      }
      guard case .list = args["net"] else {
        return .object(
          try engine("train") {
            try runs[0].train(
              nets[0],
              report: {
                try context.progress(
                  task: "train \(nets[0].model.name): epoch \($0.epoch)/\($0.epochs)", done: $0.batch, total: $0.batchesPerEpoch)
              },
              check: { try context.checkInterrupt() })
          })
      }
      return .list(try trainSideBySide(nets, runs, context).map { .object($0) })
    }
  }

  /// `train`'s networks: one, or a list of distinct ones.
  static func networksToTrain(_ args: Arguments) throws -> [ModelObject] {
    guard case .list(let items) = args["net"] else { return [try args.object("net", as: ModelObject.self)] }
    // The parameter's type has checked that every element is a Model.
    let nets = items.compactMap { value -> ModelObject? in
      if case .object(let net as ModelObject) = value { return net }
      return nil
    }
    guard !nets.isEmpty else { throw args.error("net", "is an empty list; give a network or a list of networks") }
    for (i, net) in nets.enumerated() {
      if let j = nets[..<i].firstIndex(where: { $0.model === net.model }) {
        throw args.error(
          "net", "holds network '\(net.model.name)' twice (elements \(j + 1) and \(i + 1)); give each network once, or train a copy (`net.copy()`)")
      }
    }
    return nets
  }

  /// `train`'s penalties for each of `networks` networks: one list for all, or one list per network.
  /// A penalty with heads or taps of its own belongs to one network, so it cannot be shared.
  static func penaltiesPerNetwork(_ args: Arguments, networks: Int) throws -> [[LossTerm]] {
    // The parameter's type has checked that every element is a Penalty or a list of Penalties.
    func terms(_ values: [Value]) -> [LossTerm] {
      values.compactMap { value in
        if case .object(let penalty as PenaltyObject) = value { return penalty.term }
        return nil
      }
    }
    let items = try args.list("penalties")
    let lists = items.compactMap { value -> [Value]? in
      if case .list(let inner) = value { return inner }
      return nil
    }
    guard !items.isEmpty, lists.count == items.count else {
      let shared = terms(items)
      if networks > 1, let owned = shared.first(where: { !$0.parameters.isEmpty || !$0.taps.isEmpty }) {
        throw args.error(
          "penalties",
          "holds '\(owned.name)', which belongs to one network (its own heads or taps); give one list per network (`[[...], [...]]`)")
      }
      return Array(repeating: shared, count: networks)
    }
    guard lists.count == networks else {
      throw args.error(
        "penalties", "has \(lists.count) list\(lists.count == 1 ? "" : "s") for \(networks) network\(networks == 1 ? "" : "s"); give one list per network, or one list for all")
    }
    return lists.map(terms)
  }

  /// One training run of `train` on any network: the data, the settings, and the held-out sets
  /// measured after each epoch.
  struct TrainingRun {
    let trainSet: Dataset
    let test: Dataset?
    let validation: Dataset?
    let configuration: TrainingConfiguration

    /// Trains `net` in place. `report` after each batch and `check()` during the evaluations may
    /// throw to stop it.
    func train(
      _ net: ModelObject, report: @escaping (BatchProgress) throws -> Void, check: @escaping () throws -> Void
    ) throws -> HistoryObject {
      let model = net.model
      var configuration = configuration
      // A quantised model trains as it runs: its activation quantisers stay in the forward pass.
      configuration.hooks = net.hooks
      var testAccuracy: [Int: Double] = [:]
      var validationAccuracy: [Int: Double] = [:]
      var evaluationSeconds: [Int: Double] = [:]
      let clock = ContinuousClock()
      func accuracy(on set: Dataset) throws -> Double {
        try model.evaluate(on: set, hooks: net.hooks) { _, _ in try check() }.accuracy
      }
      configuration.onBatch = { progress in
        // Throws when the cell is interrupted or timed out; the trainer passes the error on unchanged.
        try report(progress)
        // After an epoch's last update, measure the held-out sets here rather than through the trainer:
        // it evaluates one set only, and without the model's forward hooks (quantised activations).
        guard progress.batch == progress.batchesPerEpoch else { return }
        let start = clock.now
        if let test, test.count > 0 { testAccuracy[progress.epoch] = try accuracy(on: test) }
        if let validation, validation.count > 0 { validationAccuracy[progress.epoch] = try accuracy(on: validation) }
        evaluationSeconds[progress.epoch] = NeuralNetworkLibrary.seconds(clock.now - start)
      }
      var history = try model.train(on: trainSet, test: nil, configuration: configuration)
      // The evaluations ran inside the epoch's clock; report training time alone.
      for i in history.epochs.indices {
        let epoch = history.epochs[i].epoch
        history.epochs[i].testAccuracy = testAccuracy[epoch]
        guard let extra = evaluationSeconds[epoch] else { continue }
        let seconds = max(history.epochs[i].seconds - extra, 1e-9)
        history.epochs[i].seconds = seconds
        history.epochs[i].examplesPerSecond = Double(trainSet.count) / seconds
      }
      return HistoryObject(history, validationAccuracy: validationAccuracy, modelName: model.name)
    }
  }

  /// A duration in seconds.
  static func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) * 1e-18
  }

  /// The engine's configuration from `train`'s arguments, each checked.
  static func trainingConfiguration(_ args: Arguments, images: Bool) throws -> TrainingConfiguration {
    let epochs = try args.int("epochs")
    guard epochs >= 1, epochs <= 100_000 else { throw args.error("epochs", "must be a positive number of epochs, got \(epochs)") }
    let batch = try args.int("batch")
    guard batch >= 1 else { throw args.error("batch", "must be a positive batch size, got \(batch)") }
    let lr = try args.number("lr")
    guard lr > 0, lr.isFinite else { throw args.error("lr", "must be a positive learning rate, got \(NumberFormatting.plain(lr))") }
    let momentum = try args.number("momentum")
    guard momentum >= 0, momentum < 1 else { throw args.error("momentum", "must be in [0, 1), got \(NumberFormatting.plain(momentum))") }
    let decay = try args.number("weight_decay")
    guard decay >= 0, decay.isFinite else {
      throw args.error("weight_decay", "must be zero or positive, got \(NumberFormatting.plain(decay))")
    }

    let optimizer: OptimizerSettings
    switch try args.choice("optimizer", among: optimizers) {
    case "sgd":
      optimizer = .sgd(learningRate: Float(lr), momentum: Float(momentum), nesterov: try args.bool("nesterov"), weightDecay: Float(decay))
    default:
      // Adam keeps its own moment estimates; a momentum or Nesterov setting would be silently ignored.
      for name in ["momentum", "nesterov"] where args.isGiven(name) {
        throw args.error(name, "applies to optimizer \"sgd\" only")
      }
      optimizer =
        try args.string("optimizer") == "adam"
        ? .adam(learningRate: Float(lr), weightDecay: Float(decay)) : .adamW(learningRate: Float(lr), weightDecay: Float(decay))
    }

    let schedule: LearningRateSchedule
    switch try args.choice("schedule", among: schedules) {
    case "cosine":
      let minimum = try args.number("min_lr")
      guard minimum >= 0, minimum <= lr else {
        throw args.error("min_lr", "must be between 0 and lr (\(NumberFormatting.plain(lr))), got \(NumberFormatting.plain(minimum))")
      }
      schedule = .cosine(minimum: Float(minimum))
    case "step":
      guard let every = try args.optionalInt("step_every") else {
        throw args.error("step_every", "is needed by schedule \"step\": the number of epochs between decays")
      }
      guard every >= 1 else { throw args.error("step_every", "must be a positive number of epochs, got \(every)") }
      let factor = try args.number("step_factor")
      guard factor > 0, factor <= 1 else {
        throw args.error("step_factor", "must be in (0, 1], got \(NumberFormatting.plain(factor))")
      }
      schedule = .step(every: every, factor: Float(factor))
    default:
      schedule = .constant
    }

    return TrainingConfiguration(
      epochs: epochs, batchSize: batch, optimizer: optimizer, schedule: schedule, seed: seed(try args.int("seed")),
      shuffle: try args.bool("shuffle"), augmentation: try augmentation(args, images: images))
  }

  /// `augment: true` (random 2-pixel shifts and left-right flips), `false`, or `{crop: 2, flip: true}`.
  static func augmentation(_ args: Arguments, images: Bool) throws -> Augmentation {
    let result: Augmentation
    switch args["augment"] {
    case .bool(let on):
      result = on ? Augmentation(cropPadding: 2, horizontalFlip: true) : .none
    case .record(let record):
      var crop = 0
      var flip = false
      for (key, value) in record.fields {
        switch (key, value) {
        case ("crop", .number(let x)) where x == x.rounded() && x >= 0 && x <= 16: crop = Int(x)
        case ("flip", .bool(let b)): flip = b
        case ("crop", _): throw args.error("augment", "field 'crop' must be a whole number of pixels from 0 to 16, got \(value.repr)")
        case ("flip", _): throw args.error("augment", "field 'flip' must be true or false, got \(value.repr)")
        default:
          throw args.error("augment", "has no field '\(key)' (fields: crop, flip)\(Suggestion.hint(for: key, among: ["crop", "flip"]))")
        }
      }
      result = Augmentation(cropPadding: crop, horizontalFlip: flip)
    default:
      result = .none
    }
    guard images || result.isIdentity else {
      throw args.error("augment", "shifts and flips images; the data's examples are not images [channels, height, width]")
    }
    return result
  }
}
