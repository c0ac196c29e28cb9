import Kernel
import NeuralNetwork

/// `save` and `load`: models to and from checkpoint files.
extension NeuralNetworkLibrary {
  static func registerCheckpoints(into registry: BuiltinRegistry) {
    registry.register(
      "save", category: category,
      doc: "Writes `net` (architecture, pruned shapes included, and every weight and batch-norm statistic) to the checkpoint file `path` (relative to the notebook's folder).",
      parameters: [Parameter("net", .object(ModelObject.typeName)), Parameter("path", .string)], returns: .none
    ) { args, context in
      let net = try args.object("net", as: ModelObject.self)
      let path = try args.string("path")
      guard !path.isEmpty else { throw args.error("path", "must name a file") }
      let target = try context.writePath(path, for: args.function)
      try engine("save") { try net.model.save(to: target) }
      return .none
    }

    registry.register(
      "load", category: category,
      doc: "The model saved in the checkpoint file `path` (relative to the notebook's folder) by `save`.",
      parameters: [Parameter("path", .string)], returns: .object(ModelObject.typeName)
    ) { args, context in
      let path = try args.string("path")
      guard !path.isEmpty else { throw args.error("path", "must name a file") }
      let source = try context.readPath(path, for: args.function)
      return .object(ModelObject(try engine("load") { try Model.load(from: source) }))
    }
  }
}
