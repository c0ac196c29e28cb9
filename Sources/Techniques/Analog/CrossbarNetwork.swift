import Hardware
import NeuralNetwork
import Tensor

/// A trained network with every convolution and linear layer programmed onto RRAM crossbars.
///
/// Each such layer's weight tensor is mapped on its own tiles with its own scale (see
/// ``CrossbarMapping``); biases, batch normalisation, pooling and activations run in the digital
/// periphery and are not varied. The mapping is a snapshot of the weights when the network is
/// built: build a new one after training the model further.
public final class CrossbarNetwork {
  /// How a mapped layer computes.
  public enum Operation: Equatable, Sendable {
    /// A convolution with square stride and padding.
    case convolution(stride: Int, padding: Int)
    /// A fully connected layer.
    case linear
  }

  /// One layer on crossbars.
  public struct MappedLayer {
    /// The layer's dotted path in the model (`conv1`, `stage1.block1.conv2`).
    public let path: String
    /// How it computes.
    public let operation: Operation
    /// Its weights on the tiles.
    public let mapping: CrossbarMapping
    /// The model's weight parameter, which sampled weights are swapped into.
    let weight: Parameter
    /// The model's bias, added digitally after the crossbar.
    let bias: Parameter?
  }

  /// The model whose layers are mapped.
  public let model: Model
  /// The crossbar settings.
  public let configuration: CrossbarConfiguration
  /// The mapped layers, in the model's depth-first order.
  public let layers: [MappedLayer]

  /// Maps every `Conv2d` and `Linear` layer of `model` onto crossbars of `configuration`.
  public init(model: Model, configuration: CrossbarConfiguration = .standard) throws {
    var layers = [MappedLayer]()
    for layer in model.allLayers {
      if let conv = layer as? Conv2d {
        layers.append(
          MappedLayer(
            path: conv.path, operation: .convolution(stride: conv.stride, padding: conv.padding),
            mapping: try CrossbarMapping(weights: conv.weight.value, configuration: configuration), weight: conv.weight,
            bias: conv.bias))
      } else if let linear = layer as? Linear {
        layers.append(
          MappedLayer(
            path: linear.path, operation: .linear,
            mapping: try CrossbarMapping(weights: linear.weight.value, configuration: configuration), weight: linear.weight,
            bias: linear.bias))
      }
    }
    guard !layers.isEmpty else {
      throw AnalogEvaluationError(.unsupportedLayer, "model '\(model.name)' has no convolution or linear layer to put on crossbars")
    }
    self.model = model
    self.configuration = configuration
    self.layers = layers
  }

  /// Tiles over all mapped layers.
  public var tileCount: Int { layers.reduce(0) { $0 + $1.mapping.tiling.tileCount } }
  /// Devices in those tiles (two per cell).
  public var deviceCount: Int { layers.reduce(0) { $0 + $1.mapping.tiling.deviceCount } }
  /// Devices that hold a weight.
  public var usedDeviceCount: Int { layers.reduce(0) { $0 + $1.mapping.tiling.usedDeviceCount } }

  /// The weights every mapped layer reads for Monte Carlo sample `sample` of `seed`, in layer order.
  ///
  /// Each sample draws from its own stream, so sample 7 is the same whether or not samples
  /// 0 to 6 were drawn before it.
  public func sampledWeights(_ variation: LogNormalVariation, seed: UInt64, sample: Int) -> [Tensor] {
    var generator = SeededGenerator(seed: seed, stream: UInt64(sample))
    return layers.map { $0.mapping.sampledWeights(variation, generator: &generator) }
  }

  /// The weights the mapped layers read without variation (after level quantisation), in layer order.
  public var nominalWeights: [Tensor] { layers.map(\.mapping.nominalWeights) }

  /// Runs `body` with the model's mapped layers holding `weights` (one per mapped layer, in
  /// order), then puts the model's own weights back, also when `body` throws.
  ///
  /// Only the weight tensors are swapped: the model is not copied.
  public func withWeights<T>(_ weights: [Tensor], _ body: () throws -> T) throws -> T {
    guard weights.count == layers.count else {
      throw AnalogEvaluationError(.invalidSetting, "\(weights.count) weight tensors for \(layers.count) mapped layers")
    }
    for (layer, w) in zip(layers, weights) where w.shape != layer.weight.value.shape {
      throw AnalogEvaluationError(
        .invalidSetting, "weights \(w.shape) do not fit layer '\(layer.path)' of shape \(layer.weight.value.shape)")
    }
    let saved = layers.map(\.weight.value)
    defer { for (layer, w) in zip(layers, saved) { layer.weight.value = w } }
    for (layer, w) in zip(layers, weights) { layer.weight.value = w }
    return try body()
  }
}
