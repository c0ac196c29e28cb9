import Kernel
import NeuralNetwork
import Tensor
import Techniques

/// A network with trained compensation units in the language (`compensate(...)`): rows per layer, overhead members.
final class CompensationObject: LabObject {
  static let typeName = "Compensation"
  let network: CompensatedNetwork
  /// The forward hooks of the base model, installed on every pass.
  let hooks: [String: (Variable) throws -> Variable]
  /// The mean training loss of each epoch.
  let losses: [Double]
  /// The σ the units were trained at.
  let sigma: Double

  init(_ network: CompensatedNetwork, hooks: [String: (Variable) throws -> Variable], losses: [Double], sigma: Double) {
    self.network = network
    self.hooks = hooks
    self.losses = losses
    self.sigma = sigma
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("layers", "The compensated layers, in the model's order."),
    ("weights", "Weights and biases of all units."),
    ("macs", "Multiply-accumulates per example of all units."),
    ("weights_overhead", "Their weights as a fraction of the network's parameters."),
    ("macs_overhead", "Their MACs as a fraction of the network's."),
    ("losses", "The mean training loss of each epoch."),
    ("sigma", "The σ the units were trained under."),
    ("net", "The base network (unchanged)."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    let overhead = network.overhead
    switch name {
    case "layers": return .list(network.layers.map(Value.string))
    case "weights": return .number(Double(overhead.weights))
    case "macs": return .number(Double(overhead.macs))
    case "weights_overhead": return .number(overhead.weightFraction)
    case "macs_overhead": return .number(overhead.macFraction)
    case "losses": return .list(losses.map(Value.number))
    case "sigma": return .number(sigma)
    case "net": return .object(ModelObject(network.model, hooks: hooks))
    default: return nil
    }
  }

  func rows() -> [Record]? {
    network.units.map { unit in
      Record([
        ("layer", .string(unit.layer)), ("rank", .number(Double(unit.rank))),
        ("generator", .string(unit.generator.shape.map(String.init).joined(separator: "x"))),
        ("compensator", .string(unit.compensator.shape.map(String.init).joined(separator: "x"))),
        ("weights", .number(Double(unit.weightCount))), ("macs", .number(Double(unit.macs))),
      ])
    }
  }

  var summary: String {
    let o = network.overhead
    return "<Compensation of \(network.layers.joined(separator: ", ")): \(o.weights) weights "
      + "(\(percent(o.weightFraction))), \(o.macs) MACs (\(percent(o.macFraction)))>"
  }

  func display() -> [DisplayItem] {
    let o = network.overhead
    let caption = "Compensation units (σ \(NumberFormatting.plain(sigma))): \(o.weights) weights = \(percent(o.weightFraction)) "
      + "of the network's, \(o.macs) MACs = \(percent(o.macFraction))"
    guard let table = try? TableObject(
      columns: ["layer", "rank", "generator", "compensator", "weights", "macs"], records: rows() ?? [], caption: caption,
      formats: [:])
    else { return [.text(summary)] }
    return table.display()
  }

  private func percent(_ x: Double) -> String { "\(NumberFormatting.plain((x * 10_000).rounded() / 100))%" }
}
