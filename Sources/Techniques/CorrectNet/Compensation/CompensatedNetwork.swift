import NeuralNetwork
import Tensor

/// A trained network with digital compensation units on some of its layers (see ``CompensationUnit``).
///
/// The model itself is never changed: its weights stay as programmed, and the units act through
/// ``ForwardContext/layerOverrides`` on the layers they compensate. With no units it is the plain network.
public final class CompensatedNetwork {
  /// The base network.
  public let model: Model
  /// The units, in the model's layer order.
  public let units: [CompensationUnit]

  /// Adds an untrained unit of rank `rank` (or `⌈out / 8⌉` when nil) to each layer in `layers`.
  ///
  /// Throws ``CorrectNetError`` with kind `.unknownLayer`, listing the layers that can be
  /// compensated, for a name that is not a convolution or linear layer of `model`.
  public init(model: Model, layers: [String], rank: Int? = nil, seed: UInt64 = 0) throws {
    let candidates = Self.candidates(of: model)
    var seen = Set<String>()
    for name in layers {
      guard candidates.contains(name) else {
        let what = model.layer(name).map { "is a \($0.typeName), not a convolution or linear layer" } ?? "does not exist"
        throw CorrectNetError(
          .unknownLayer,
          "layer '\(name)' \(what) in model '\(model.name)'; layers that can be compensated: \(candidates.joined(separator: ", "))",
          candidates: candidates)
      }
      guard seen.insert(name).inserted else {
        throw CorrectNetError(.invalidSetting, "layer '\(name)' is named twice for compensation")
      }
    }
    if let rank, rank < 1 {
      throw CorrectNetError(.invalidSetting, "the compensation rank must be at least 1, got \(rank)")
    }
    let positions = Dictionary(model.summary().map { ($0.name, $0.outputShape) }, uniquingKeysWith: { a, _ in a })
    var units = [CompensationUnit]()
    for (i, path) in candidates.enumerated() where seen.contains(path) {
      guard let layer = model.layer(path) else { continue }
      let shape = positions[path] ?? []
      let outputs = shape.first ?? 1
      let spatial = shape.count == 3 ? shape[1] * shape[2] : 1
      let r = rank ?? Swift.max(1, (outputs + 7) / 8)
      units.append(try CompensationUnit(for: layer, rank: r, outputPositions: spatial, seed: seed &+ UInt64(i) &* 0x9E37_79B9))
    }
    self.model = model
    self.units = units
  }

  /// The layers that can be compensated: every `Conv2d` and `Linear`, in the model's order.
  public static func candidates(of model: Model) -> [String] {
    LipschitzRegularization.weights(of: model).map(\.path)
  }

  /// The paths of the compensated layers.
  public var layers: [String] { units.map(\.layer) }

  /// Every trainable tensor of the units (never the model's).
  public var parameters: [Parameter] { units.flatMap(\.parameters) }

  /// The units' cost against the base network's.
  public var overhead: CompensationOverhead {
    CompensationOverhead(
      weights: units.reduce(0) { $0 + $1.weightCount }, macs: units.reduce(0) { $0 + $1.macs },
      networkWeights: model.parameterCount, networkMACs: model.macs)
  }

  /// Layer overrides that add each unit's compensation to its layer's output, read through `context`.
  public func overrides(for context: ForwardContext) -> [String: (Variable) throws -> Variable] {
    var overrides = [String: (Variable) throws -> Variable]()
    for unit in units {
      guard let layer = model.layer(unit.layer) else { continue }
      overrides[unit.layer] = { [unowned context] x in
        let y = try layer.forward(x, context: context)
        return try Variable.combine(y, unit.compute(x, context: context), .add)
      }
    }
    return overrides
  }

  /// The network's logits for `x` with the model's current weights and the units, without a tape.
  public func callAsFunction(_ x: Tensor, hooks: [String: (Variable) throws -> Variable] = [:]) throws -> Tensor {
    let context = ForwardContext(training: false)
    context.hooks = hooks
    context.layerOverrides = overrides(for: context)
    return try model.forward(Variable(x), context: context).value
  }
}

/// What compensation costs: its weights and MACs, absolute and as fractions of the base network's.
public struct CompensationOverhead: Equatable, Sendable {
  /// Weights and biases of all units.
  public var weights: Int
  /// Multiply-accumulates per example of all units.
  public var macs: Int
  /// Trainable parameters of the base network.
  public var networkWeights: Int
  /// Multiply-accumulates per example of the base network.
  public var networkMACs: Int

  /// `weights / networkWeights`.
  public var weightFraction: Double { Double(weights) / Double(Swift.max(networkWeights, 1)) }
  /// `macs / networkMACs`.
  public var macFraction: Double { Double(macs) / Double(Swift.max(networkMACs, 1)) }
}
