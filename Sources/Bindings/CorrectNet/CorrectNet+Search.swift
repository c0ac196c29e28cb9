import Hardware
import Kernel
import NeuralNetwork
import Techniques

/// `select_compensation`: the greedy choice of layers to compensate.
extension CorrectNetLibrary {
  static func registerSearch(into registry: BuiltinRegistry) {
    registry.register(
      "select_compensation", category: category,
      doc: "Greedy choice of the layers of `net` to compensate (standing in for the paper's reinforcement learning): each step trains units on every remaining candidate, scores it by validation accuracy gained per unit of overhead (`cost`: \"macs\" or \"weights\") and keeps the best; stops after `max_layers`, below `min_gain`, or at `target` × the variation-free accuracy.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("data", NeuralNetworkLibrary.dataType),
        Parameter("validation", .object(DatasetObject.typeName)),
        Parameter("sigma", .oneOf([.number, .object(CrossbarVariationObject.typeName)])),
        Parameter("candidates", .listOf(.string), default: .none), Parameter("max_layers", .int, default: .number(3)),
        Parameter("min_gain", .number, default: .number(0.005)), Parameter("target", .number, default: .none),
        Parameter("cost", .string, default: .string(CompensationSearch.Cost.macs.rawValue)),
        Parameter("samples", .int, default: .number(10)), Parameter("eval_seed", .int, default: .number(0)),
        Parameter("eval_batch", .int, default: .number(1000)),
      ] + trainingParameters,
      returns: .object(CompensationSearchObject.typeName)
    ) { args, context in
      let net = try args.object("net", as: ModelObject.self)
      let train = try trainingData(args)
      let validation = try args.object("validation", as: DatasetObject.self).dataset
      try NeuralNetworkLibrary.checkFits(net.model, train, function: "select_compensation", argument: "data")
      try NeuralNetworkLibrary.checkFits(net.model, validation, function: "select_compensation", argument: "validation set")
      guard validation.count > 0 else { throw args.error("validation", "has no examples") }
      var candidates: [String]?
      if args.isGiven("candidates") {
        let names = try args.strings("candidates")
        try checkLayers(names, of: net.model, function: "select_compensation")
        candidates = names
      }
      let maxLayers = try args.int("max_layers")
      guard maxLayers >= 1 else { throw args.error("max_layers", "must be at least 1, got \(maxLayers)") }
      let minGain = try args.number("min_gain")
      guard minGain.isFinite, minGain >= 0 else {
        throw args.error("min_gain", "must be zero or positive, got \(NumberFormatting.plain(minGain))")
      }
      let target = try args.optionalNumber("target")
      if let target, !(target > 0 && target <= 1) {
        throw args.error("target", "must be a fraction in (0, 1], got \(NumberFormatting.plain(target))")
      }
      let search = try NeuralNetworkLibrary.engine("select_compensation") {
        try CompensationSearch(
          training: try trainingSettings(args),
          evaluation: try evaluationSettings(args, seed: "eval_seed", batch: "eval_batch"), candidates: candidates,
          maximumLayers: maxLayers, minimumGain: minGain, targetFraction: target, rank: try rankArgument(args),
          cost: try args.choice("cost", as: CompensationSearch.Cost.self))
      }
      let result = try NeuralNetworkLibrary.engine("select_compensation") {
        try search.run(net.model, train: train, validation: validation, hooks: net.hooks) { p in
          try context.progress(task: "select_compensation: \(p.task)", done: p.done, total: p.total)
        }
      }
      return .object(CompensationSearchObject(result, hooks: net.hooks, sigma: search.training.variation.sigma))
    }
  }
}
