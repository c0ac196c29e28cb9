import NeuralNetwork
import Tensor

/// A backbone with exit heads on named layers: a forward pass that returns every head's logits
/// (with autodiff), and the cut of the backbone that inference with early termination runs.
///
/// The backbone is shared, not copied: training the backbone through `train(...)` with the
/// exit loss trains this model.
public final class MultiExitModel {
  /// The network the exits are attached to; its own output is the final exit.
  public let backbone: Model
  /// The heads, in execution order of their layers.
  public let heads: [ExitHead]
  /// The number of classes (the backbone's output width).
  public let classCount: Int
  let plan: ExitPlan

  /// Attaches one head to each layer of `exits` (paths such as `relu3` or `stage2`).
  ///
  /// Throws `EarlyExitError` for an unknown layer (with the possible names), a layer inside a
  /// residual block, a layer whose output is not a feature map, or a pool larger than the map.
  public init(backbone: Model, exits: [String], poolSize: Int = 1, seed: UInt64 = 0) throws {
    guard !exits.isEmpty else { throw EarlyExitError(.invalidSetting, "a multi-exit model needs at least one exit") }
    guard poolSize >= 1 else { throw EarlyExitError(.invalidSetting, "the pool size must be positive, got \(poolSize)") }
    let output = backbone.outputShape
    guard output.count == 1, let classes = output.first, classes >= 2 else {
      throw EarlyExitError(
        .invalidData, "model '\(backbone.name)' gives \(output), not logits over at least two classes")
    }
    let plan = try ExitPlan(model: backbone, exits: exits)
    var heads: [ExitHead] = []
    var generator = SeededGenerator(seed: seed)
    for (path, shape) in zip(plan.exitPaths, plan.exitShapes) {
      guard shape[1] >= poolSize, shape[2] >= poolSize else {
        throw EarlyExitError(
          .invalidSetting, "layer '\(path)' gives a \(shape[1])x\(shape[2]) map; it cannot be pooled to \(poolSize)x\(poolSize)")
      }
      heads.append(
        ExitHead(tap: path, channels: shape[0], poolSize: poolSize, classes: classes, seed: generator.next()))
    }
    self.backbone = backbone
    self.heads = heads
    self.classCount = classes
    self.plan = plan
  }

  /// The exits' layer paths, in execution order.
  public var exitNames: [String] { plan.exitPaths }

  /// Every head's trainable tensors.
  public var headParameters: [Parameter] { heads.flatMap(\.parameters) }

  /// Multiply-accumulates per example of the backbone alone (the original network).
  public var backboneMACs: Int { plan.segmentMACs.reduce(0, +) }

  /// Multiply-accumulates per example of each head.
  public var headMACs: [Int] { heads.map(\.macs) }

  /// Multiply-accumulates per example of the backbone's segments: `[i]` runs before exit `i`,
  /// the last one after the last exit.
  public var segmentMACs: [Int] { plan.segmentMACs }

  /// What a sample that stops at exit `i` (0-based) has consumed: the segments up to it and
  /// the heads up to and including it. `i == heads.count` is a sample that reaches the end,
  /// having run every head.
  public func macs(stoppingAt i: Int) -> Int {
    let segments = plan.segmentMACs.prefix(i + 1).reduce(0, +)
    return segments + headMACs.prefix(Swift.min(i + 1, heads.count)).reduce(0, +)
  }

  /// The backbone's logits and every head's, for a batch, in the context's mode and on its tape.
  public func forward(_ x: Variable, context: ForwardContext) throws -> (exits: [Variable], final: Variable) {
    context.taps.formUnion(exitNames)
    let final = try backbone.forward(x, context: context)
    return (try headLogits(context.activations, context: context), final)
  }

  /// Every head's logits from the tapped outputs of its layer.
  public func headLogits(_ activations: [String: Variable], context: ForwardContext) throws -> [Variable] {
    try heads.map { head in
      guard let features = activations[head.tap] else {
        throw EarlyExitError(.invalidData, "the output of layer '\(head.tap)' was not tapped in this pass")
      }
      return try head.forward(features, context: context)
    }
  }
}
