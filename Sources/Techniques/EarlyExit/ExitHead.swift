import NeuralNetwork
import Tensor

/// One exit head: adaptive average pooling of a feature map to `poolSize × poolSize`, then one
/// linear layer to the class count (the authors' head; its outputs are read through a sigmoid
/// for class exclusion or a softmax for the confidence baseline).
public final class ExitHead {
  /// The layer whose output the head reads (its exit point).
  public let tap: String
  /// The pooled grid's side (1 in the authors' code for 10 classes, 2 for 100).
  public let poolSize: Int
  /// The channels of the feature map the head reads.
  public let channels: Int
  /// The linear layer, `[classes, channels · poolSize²]`.
  public let linear: Linear

  /// Creates a head on a feature map of `channels` channels, initialised from `seed` as PyTorch does.
  public init(tap: String, channels: Int, poolSize: Int, classes: Int, seed: UInt64) {
    self.tap = tap
    self.poolSize = poolSize
    self.channels = channels
    self.linear = Linear(name: "exit", inFeatures: channels * poolSize * poolSize, outFeatures: classes)
    var generator = SeededGenerator(seed: seed)
    linear.initialize(generator: &generator)
  }

  /// The head's trainable tensors (weight, bias).
  public var parameters: [Parameter] { linear.ownParameters.map(\.parameter) }

  /// Multiply-accumulates of one evaluation of the head (the linear layer's; pooling adds none).
  public var macs: Int { linear.macs(for: [linear.inFeatures]) }

  /// The head's logits `[N, classes]` for a batch of feature maps `[N, C, H, W]`.
  ///
  /// When the context computed the feature map's plane means in the pass that produced it
  /// (`ForwardContext.planeMeanTaps`, evaluation only), a 1×1 head reads those instead of pooling:
  /// the same numbers, bit for bit, without a second read of the map.
  public func forward(_ features: Variable, context: ForwardContext) throws -> Variable {
    let fused = poolSize == 1 ? context.takePlaneMeans(of: tap) : nil
    let pooled =
      try fused.flatMap { $0.shape.first == features.shape.first ? Variable($0) : nil }
      ?? features.adaptiveAvgPool2d(outputSize: (poolSize, poolSize))
    return try linear.forward(pooled.flattened(), context: context)
  }
}
