import NeuralNetwork

/// `save` and `load`: models to and from checkpoint files.
extension NeuralNetworkLibrary {
  static func registerCheckpoints(into registry: BuiltinRegistry) {
    registry.register(
      "save", category: category,
      doc: "Writes `net` (architecture, pruned shapes included, and every weight and batch-norm statistic) to the checkpoint file `path`.",
      parameters: [Parameter("net", .object(ModelObject.typeName)), Parameter("path", .string)], returns: .none
    ) { args, _ in
      let net = try args.object("net", as: ModelObject.self)
      let path = try args.string("path")
      guard !path.isEmpty else { throw args.error("path", "must name a file") }
      try engine("save") { try net.model.save(to: path) }
      return .none
    }

    registry.register(
      "load", category: category,
      doc: "The model saved in the checkpoint file `path` by `save`.",
      parameters: [Parameter("path", .string)], returns: .object(ModelObject.typeName)
    ) { args, _ in
      let path = try args.string("path")
      guard !path.isEmpty else { throw args.error("path", "must name a file") }
      return .object(ModelObject(try engine("load") { try Model.load(from: path) }))
    }
  }
}
