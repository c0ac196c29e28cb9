import Hardware
import NeuralNetwork
import Tensor

/// Inference through the crossbars tile by tile, for networks whose converters quantise.
///
/// The engine's forward pass computes a convolution or linear layer as one product; a crossbar
/// with ADCs digitises each tile's partial sums before they are added, which no hook on a
/// layer's output can reproduce. This pass walks the model's layers itself: mapped layers go
/// through ``CrossbarMapping/convolve(_:weights:bias:stride:padding:converters:)`` or
/// ``CrossbarMapping/multiply(_:weights:bias:converters:)`` with the weights the model holds
/// (the sample swapped in by ``CrossbarNetwork/withWeights(_:_:)``), every other leaf layer
/// runs its own forward pass in evaluation mode. Sequences and residual blocks are walked as
/// the engine runs them; any other layer with children is refused rather than guessed at.
struct CrossbarForward {
  /// What the pass does at each mapped layer.
  enum Mode {
    /// Computes ideally and records each layer's inputs and partial sums.
    case calibrate
    /// Computes through the tiles with these converters, one per mapped layer.
    case convert([CrossbarConverters])
  }

  let network: CrossbarNetwork
  private let indexByPath: [String: Int]
  private let context = ForwardContext(training: false)
  /// Per mapped layer, the ranges seen in calibration passes.
  private(set) var calibrations: [ConverterCalibration]

  init(network: CrossbarNetwork) {
    self.network = network
    var index = [String: Int]()
    for (i, layer) in network.layers.enumerated() { index[layer.path] = i }
    self.indexByPath = index
    self.calibrations = Array(repeating: ConverterCalibration(), count: network.layers.count)
  }

  /// The model's outputs for a batch of examples.
  mutating func callAsFunction(_ x: Tensor, mode: Mode) throws -> Tensor {
    let model = network.model
    var input = x
    let example = Array(x.shape.dropFirst())
    if example != model.inputShape {
      guard example.reduce(1, *) == model.inputShape.reduce(1, *) else {
        throw AnalogEvaluationError(
          .invalidData, "model '\(model.name)' takes examples of shape \(model.inputShape), got \(example)")
      }
      input = try x.reshaped(to: [x.shape[0]] + model.inputShape)
    }
    return try run(model.root.layers, input, mode)
  }

  private mutating func run(_ layers: [Layer], _ x: Tensor, _ mode: Mode) throws -> Tensor {
    var y = x
    for layer in layers { y = try apply(layer, y, mode) }
    return y
  }

  private mutating func apply(_ layer: Layer, _ x: Tensor, _ mode: Mode) throws -> Tensor {
    if let i = indexByPath[layer.path] {
      return try mapped(i, layer, x, mode)
    }
    if let sequence = layer as? Sequential {
      return try run(sequence.layers, x, mode)
    }
    if let block = layer as? ResidualBlock {
      return try residual(block, x, mode)
    }
    guard layer.children.isEmpty else {
      throw AnalogEvaluationError(
        .unsupportedLayer, "the crossbar evaluation cannot run layer '\(layer.path)' (\(layer.typeName)) with converters")
    }
    return try layer.forward(Variable(x), context: context).value
  }

  private mutating func mapped(_ i: Int, _ layer: Layer, _ x: Tensor, _ mode: Mode) throws -> Tensor {
    let mapping = network.layers[i].mapping
    let weights = network.layers[i].weight.value
    if let conv = layer as? Conv2d {
      let (stride, padding) = ((conv.stride, conv.stride), (conv.padding, conv.padding))
      let bias = conv.bias?.value
      switch mode {
      case .calibrate:
        calibrations[i].observe(
          inputs: x, partialSums: try mapping.partialSums(convolving: x, weights: weights, stride: stride, padding: padding))
        return try mapping.convolve(x, weights: weights, bias: bias, stride: stride, padding: padding)
      case .convert(let converters):
        return try mapping.convolve(
          x, weights: weights, bias: bias, stride: stride, padding: padding, converters: converters[i])
      }
    }
    guard let linear = layer as? Linear else {
      preconditionFailure("mapped layer '\(layer.path)' is neither a convolution nor a linear layer")
    }
    // Linear layers take [N, features]; a preceding Flatten has made it so.
    let input = x.rank == 2 ? x : x.flattened(fromAxis: 1)
    switch mode {
    case .calibrate:
      calibrations[i].observe(inputs: input, partialSums: try mapping.partialSums(input, weights: weights))
      return try mapping.multiply(input, weights: weights, bias: linear.bias?.value)
    case .convert(let converters):
      return try mapping.multiply(input, weights: weights, bias: linear.bias?.value, converters: converters[i])
    }
  }

  /// `activation(body(x) + shortcut(x))`, as `ResidualBlock.forward` computes it.
  private mutating func residual(_ block: ResidualBlock, _ x: Tensor, _ mode: Mode) throws -> Tensor {
    let main = try run(block.body, x, mode)
    let side: Tensor
    switch block.shortcut {
    case .identity:
      side = x
    case .padded(let stride, let before, let after):
      let sub = stride == 1 ? Variable(x) : try Variable(x).downsampled(stride: stride)
      side = try sub.paddingChannels(before: before, after: after).value
    case .projection(let projection):
      side = try run(projection.layers, x, mode)
    }
    let sum = try Tensor.combine(main, side, .add)
    switch block.activation {
    case .relu: return sum.map(.relu)
    case .sigmoid: return sum.map(.sigmoid)
    case .tanh: return sum.map(.tanh)
    case nil: return sum
    }
  }
}
