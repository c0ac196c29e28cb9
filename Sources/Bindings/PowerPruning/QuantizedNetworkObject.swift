import Kernel
import NeuralNetwork
import Techniques

/// A network with integer weights and activations in the language (`pp_quantize`, `pp_retrain`).
final class QuantizedNetworkObject: LabObject {
  static let typeName = "QuantizedNetwork"
  let network: QuantizedNetwork

  init(_ network: QuantizedNetwork) { self.network = network }

  static let memberDocs: [(name: String, doc: String)] = [
    ("model", "The underlying Model (its multiplier weights on the integer grid)."),
    ("bits", "The bit width of weights and activations."),
    ("weights", "The allowed weight values, or none for every level."),
    ("activations", "The allowed activation values, or none for every level."),
    ("layers", "The multiplier layers, in order, each with the layer whose output feeds it."),
    ("weight_values", "Every distinct integer weight level the network's layers use, ascending."),
  ]
  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "model": return .object(ModelObject(network.model))
    case "bits": return .number(Double(network.bits))
    case "weights": return network.allowedWeights.map { .list($0.map { .number(Double($0)) }) } ?? Value.none
    case "activations": return network.allowedActivations.map { .list($0.map { .number(Double($0)) }) } ?? Value.none
    case "layers":
      return .list(network.layers.map { layer in
        .record(Record([("layer", .string(layer.path)), ("source", layer.source.map(Value.string) ?? .string("input"))]))
      })
    case "weight_values":
      let levels = try PowerPruningLibrary.engine("QuantizedNetwork.weight_values") { try network.weightLevels() }
      return .list(Set(levels.flatMap(\.levels)).sorted().map { .number(Double($0)) })
    default: return nil
    }
  }

  var summary: String {
    let w = network.allowedWeights.map { "\($0.count) weight values" } ?? "all \(network.bits)-bit weights"
    let a = network.allowedActivations.map { "\($0.count) activation values" } ?? "all \(network.bits)-bit activations"
    return "<QuantizedNetwork \(network.model.name), \(w), \(a)>"
  }
}
