import Foundation
import Kernel
import NeuralNetwork
import Techniques

/// Early exit with class exclusion (Wang, Li, Zhang, AICAS 2024): exit heads on a zoo model, their
/// loss for `train(..., penalties: [exit_loss(ee)])`, the β search and the confidence baseline's
/// threshold search on a validation split, and inference with real per-sample early termination.
///
/// The engine side is `Techniques/EarlyExit`; this folder turns its settings into checked
/// arguments and its results into objects with rows, members and a display.
enum EarlyExitLibrary {
  static let category = "Early exit"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Wang, Li, Zhang, AICAS 2024: heads after intermediate layers exclude the classes a sample is unlikely to "
        + "be (one sigmoid per class, kept iff p > β · max p); a sample stops when one class is left. The β of each "
        + "exit is searched on a validation split. Baseline CR: softmax exits with a confidence threshold.")
    registry.document(
      type: ExitModelObject.typeName, category: category,
      doc: "A backbone with exit heads; rows are exits.", members: ExitModelObject.memberDocs)
    registry.document(
      type: ExitScoresObject.typeName, category: category,
      doc: "Every head's and the final layer's logits on one split, for the searches and replays.",
      members: ExitScoresObject.memberDocs)
    registry.document(
      type: ExitSearchObject.typeName, category: category,
      doc: "A β or CR-threshold search on a validation split; rows are the settings tried.",
      members: ExitSearchObject.memberDocs)
    registry.document(
      type: ExitEvaluationObject.typeName, category: category,
      doc: "Early-exit inference on a labelled set; rows are exits, then the final layer.",
      members: ExitEvaluationObject.memberDocs)
    registerModel(into: registry)
    registerSearches(into: registry)
    registerEvaluation(into: registry)
  }

  // MARK: - multi_exit, exit_loss

  static func registerModel(into registry: BuiltinRegistry) {
    registry.register(
      "multi_exit", category: category,
      doc: "Attaches an exit head (adaptive average pool to `pool`×`pool`, then linear to the classes) after each "
        + "layer of `exits` of `net`; the heads share `net`, which stays the final exit.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("exits", .listOf(.string)),
        Parameter("pool", .int, default: .number(1)), Parameter("seed", .int, default: .number(0)),
      ],
      returns: .object(ExitModelObject.typeName)
    ) { args, _ in
      let net = try args.object("net", as: ModelObject.self)
      guard net.hooks.isEmpty else {
        throw args.error("net", "carries forward hooks (a quantised model); attach exits to the float model")
      }
      let pool = try args.int("pool")
      guard pool >= 1 else { throw args.error("pool", "must be a positive grid side, got \(pool)") }
      do {
        return .object(
          ExitModelObject(
            try MultiExitModel(backbone: net.model, exits: try args.strings("exits"), poolSize: pool, seed: seed(try args.int("seed")))))
      } catch let error as EarlyExitError {
        throw engineError(args, error.kind == .invalidSetting && error.message.contains("pool") ? "pool" : "exits", explain(error))
      }
    }
    registry.register(
      "exit_loss", category: category,
      doc: "The exit heads' loss for `train(ee.model, data, penalties: [exit_loss(ee)])`: Σᵢ 1/(N−i+1) · "
        + "BCEWithLogits(exit i, one-hot, pos_weight) (\"exclusion\"; pos_weight none = 4(K−1)) or the same weights "
        + "over each head's cross-entropy (\"confidence\", for CR); `train` adds CE(final).",
      parameters: [
        Parameter("ee", .object(ExitModelObject.typeName)), Parameter("kind", .string, default: .string("exclusion")),
        Parameter("pos_weight", .number, default: .none),
      ],
      returns: .object(PenaltyObject.typeName)
    ) { args, _ in
      let ee = try args.object("ee", as: ExitModelObject.self)
      let kind: ExitLossKind
      switch try args.choice("kind", among: kinds) {
      case "confidence":
        guard !args.isGiven("pos_weight") else { throw args.error("pos_weight", "applies to kind \"exclusion\" only") }
        kind = .confidence
      default:
        let weight = try args.optionalNumber("pos_weight")
        if let weight, !(weight > 0 && weight.isFinite) {
          throw args.error("pos_weight", "must be positive, got \(NumberFormatting.plain(weight))")
        }
        kind = .classExclusion(positiveWeight: weight)
      }
      let recipe = PenaltyRecipe.exitHeads(ee, kind: kind)
      return .object(PenaltyObject(try recipe.make(), recipe: recipe))
    }
  }

  static let kinds = ["exclusion", "confidence"]

  // MARK: - exit_scores, beta_search, cr_search

  static func registerSearches(into registry: BuiltinRegistry) {
    registry.register(
      "exit_scores", category: category,
      doc: "Every head's and the final layer's logits on a split of `data` (`part`: \"validation\", \"test\" or "
        + "\"train\"; a Dataset is used as given), computed once for the searches and replays.",
      parameters: [
        Parameter("ee", .object(ExitModelObject.typeName)), Parameter("data", NeuralNetworkLibrary.dataType),
        Parameter("part", .string, default: .string("validation")), Parameter("batch", .int, default: .number(500)),
      ],
      returns: .object(ExitScoresObject.typeName)
    ) { args, context in
      let ee = try args.object("ee", as: ExitModelObject.self)
      let (data, part) = try split(args)
      let batch = try positive(args, "batch")
      let scores = try engine("exit_scores") {
        try ee.model.scores(on: data, batchSize: batch) { done, total in
          try context.progress(task: "exit_scores: \(part)", done: done, total: total)
        }
      }
      return .object(ExitScoresObject(scores, part: part))
    }
    registry.register(
      "beta_search", category: category,
      doc: "The authors' β search on validation scores: exits in descending order of the MACs after them; β from "
        + "`start` in steps of `step` while accuracy ≥ original − `tolerance`; then `backoff` steps back.",
      parameters: [
        Parameter("scores", .object(ExitScoresObject.typeName)), Parameter("tolerance", .number),
        Parameter("start", .number, default: .number(0.01)), Parameter("step", .number, default: .number(0.01)),
        Parameter("backoff", .int, default: .number(2)), Parameter("decision", .string, default: .string("masked")),
      ],
      returns: .object(ExitSearchObject.typeName)
    ) { args, context in
      let scores = try args.object("scores", as: ExitScoresObject.self)
      let search: BetaSearch
      do {
        search = try BetaSearch(
          tolerance: try args.number("tolerance"), start: try args.number("start"), step: try args.number("step"),
          backoff: try args.int("backoff"), masked: try args.choice("decision", among: decisions) == "masked")
      } catch let error as EarlyExitError {
        throw LabError("beta_search(): \(error.message)")
      }
      let result = try engine("beta_search") {
        try search.run(on: scores.scores) { done in try context.progress(task: "beta_search", done: done, total: nil) }
      }
      return .object(ExitSearchObject(betas: result, exitNames: scores.scores.exitNames, tolerance: search.tolerance))
    }
    registry.register(
      "cr_search", category: category,
      doc: "The CR baseline's threshold search on validation scores of softmax heads: lower the threshold from "
        + "1 − `step` while accuracy ≥ original − `tolerance`; then `backoff` steps back (give it the β search's tolerance).",
      parameters: [
        Parameter("scores", .object(ExitScoresObject.typeName)), Parameter("tolerance", .number),
        Parameter("step", .number, default: .number(0.01)), Parameter("backoff", .int, default: .number(2)),
      ],
      returns: .object(ExitSearchObject.typeName)
    ) { args, context in
      let scores = try args.object("scores", as: ExitScoresObject.self)
      let search: ThresholdSearch
      do {
        search = try ThresholdSearch(
          tolerance: try args.number("tolerance"), step: try args.number("step"), backoff: try args.int("backoff"))
      } catch let error as EarlyExitError {
        throw LabError("cr_search(): \(error.message)")
      }
      let result = try engine("cr_search") {
        try search.run(on: scores.scores) { done in try context.progress(task: "cr_search", done: done, total: nil) }
      }
      return .object(ExitSearchObject(threshold: result, exitNames: scores.scores.exitNames, tolerance: search.tolerance))
    }
  }

  static let decisions = ["masked", "unmasked"]

  // MARK: - exit_evaluate, exit_replay

  static func registerEvaluation(into registry: BuiltinRegistry) {
    let policyParameters = [
      Parameter("betas", .list, default: .none), Parameter("threshold", .number, default: .none),
      Parameter("search", .object(ExitSearchObject.typeName), default: .none),
    ]
    registry.register(
      "exit_evaluate", category: category,
      doc: "Early-exit inference on `data` (its test part) with real per-sample termination, `batch` samples at a "
        + "time: by class exclusion (`betas`, one per exit, none for off) or confidence (`threshold`), or the setting "
        + "of `search`; `time: true` also times it against the original network at the same batch size, `repeats` times, each batch run both ways back to back, batches side by side on the engine's threads (the median over the repeats).",
      parameters: [
        Parameter("ee", .object(ExitModelObject.typeName)), Parameter("data", NeuralNetworkLibrary.dataType),
      ] + policyParameters + [
        Parameter("batch", .int, default: .number(256)), Parameter("time", .bool, default: .bool(false)),
        Parameter("repeats", .int, default: .number(1)),
      ],
      returns: .object(ExitEvaluationObject.typeName)
    ) { args, context in
      let ee = try args.object("ee", as: ExitModelObject.self)
      let data = try NeuralNetworkLibrary.evaluationSet(args, "data").dataset
      let policy = try policy(args, exits: ee.model.exitNames.count)
      let batch = try positive(args, "batch")
      let repeats = try positive(args, "repeats")
      let timed = try args.bool("time")
      let evaluation = try engine("exit_evaluate") {
        try ee.model.evaluate(data, policy: policy, batchSize: batch) { done, total in
          try context.progress(task: "exit_evaluate", done: done, total: total)
        }
      }
      guard timed else { return .object(ExitEvaluationObject(evaluation, exitNames: ee.model.exitNames)) }
      let timing = try engine("exit_evaluate") {
        try ee.model.timeAgainstOriginal(data, policy: policy, batchSize: batch, repeats: repeats) { done, total in
          try context.progress(task: "exit_evaluate: timing against the original", done: done, total: total)
        }
      }
      return .object(ExitEvaluationObject(evaluation, exitNames: ee.model.exitNames, timing: timing))
    }
    registry.register(
      "exit_replay", category: category,
      doc: "Replays class exclusion (`betas`) or confidence (`threshold`), or the setting of `search`, on stored "
        + "scores (no network run): the same decisions and MAC counts as `exit_evaluate`, for sweeps.",
      parameters: [Parameter("scores", .object(ExitScoresObject.typeName))] + policyParameters,
      returns: .object(ExitEvaluationObject.typeName)
    ) { args, _ in
      let scores = try args.object("scores", as: ExitScoresObject.self)
      let policy = try policy(args, exits: scores.scores.exits.count)
      let evaluation = try engine("exit_replay") { try scores.scores.evaluate(policy) }
      return .object(ExitEvaluationObject(evaluation, exitNames: scores.scores.exitNames))
    }
  }

  // MARK: - Shared helpers

  /// The policy from exactly one of `betas`, `threshold` and `search`, checked against the exits.
  static func policy(_ args: Arguments, exits: Int) throws -> ExitPolicy {
    let given = ["betas", "threshold", "search"].filter { args.isGiven($0) && args[$0] != .none }
    guard given.count == 1 else {
      throw LabError("\(args.function)(): give exactly one of 'betas', 'threshold' and 'search'\(given.isEmpty ? "" : " (got \(given.joined(separator: ", ")))")")
    }
    let policy: ExitPolicy
    switch given[0] {
    case "betas":
      let values = try args.list("betas")
      policy = .classExclusion(
        betas: try values.enumerated().map { i, value in
          switch value {
          case .none: return nil
          case .number(let beta): return beta
          default: throw args.error("betas", "entry \(i + 1) must be a number or none, got \(value.typeName)")
          }
        })
    case "threshold":
      policy = .confidence(threshold: try args.number("threshold"))
    default:
      let search = try args.object("search", as: ExitSearchObject.self)
      if let betas = search.betas {
        policy = .classExclusion(betas: betas.betas)
      } else {
        policy = .confidence(threshold: search.threshold?.threshold ?? 1)
      }
    }
    do {
      try policy.validate(exits: exits)
    } catch let error as EarlyExitError {
      throw engineError(args, given[0], error.message)
    }
    return policy
  }

  /// The split of `data` named by `part` (DatasetSplits), or a Dataset as given.
  static func split(_ args: Arguments) throws -> (Dataset, String) {
    let part = try args.choice("part", among: ["validation", "test", "train"])
    guard let splits = try NeuralNetworkLibrary.trainingSets(args, "data") else {
      return (try NeuralNetworkLibrary.evaluationSet(args, "data").dataset, part)
    }
    switch part {
    case "test": return (splits.test, part)
    case "train": return (splits.train, part)
    default:
      guard let validation = splits.validation else {
        throw args.error("data", "has no validation part; cut one with `fashion_mnist(..., validation: 0.1667)`")
      }
      return (validation, part)
    }
  }

  /// An engine error about an argument: `f(): argument 'x': <the engine's sentence>`.
  static func engineError(_ args: Arguments, _ name: String, _ message: String) -> LabError {
    LabError("\(args.function)(): argument '\(name)': \(message)")
  }

  /// A positive whole-number argument.
  static func positive(_ args: Arguments, _ name: String) throws -> Int {
    let n = try args.int(name)
    guard n >= 1 else { throw args.error(name, "must be positive, got \(n)") }
    return n
  }

  /// An engine error in words, with a "did you mean" for an unknown layer.
  static func explain(_ error: EarlyExitError) -> String {
    guard error.kind == .unknownLayer, let name = error.name else { return error.message }
    let hint = Suggestion.hint(for: name, among: error.candidates)
    if !hint.isEmpty { return error.message + hint }
    return error.message + " (layers: \(error.candidates.prefix(12).joined(separator: ", "))\(error.candidates.count > 12 ? ", ..." : ""))"
  }

  static func seed(_ seed: Int) -> UInt64 { NeuralNetworkLibrary.seed(seed) }

  static func engine<T>(_ function: String, _ body: () throws -> T) throws -> T {
    try NeuralNetworkLibrary.engine(function, body)
  }

  static func grouped(_ n: Int) -> String { NeuralNetworkLibrary.grouped(n) }

  static func percent(_ x: Double) -> String { NumberFormatting.plain((x * 1000).rounded() / 10) + "%" }
}
