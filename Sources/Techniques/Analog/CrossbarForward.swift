import Hardware
import NeuralNetwork
import Tensor

/// Inference through the crossbars tile by tile, for networks whose converters quantise.
///
/// The engine computes a convolution or linear layer as one product; a crossbar with ADCs
/// digitises each tile's partial sums before they are added. This pass runs the engine's own
/// forward pass with a layer override (`ForwardContext.layerOverrides`) on every mapped layer:
/// the override computes it through
/// ``CrossbarMapping/convolve(_:weights:bias:stride:padding:converters:)`` or
/// ``CrossbarMapping/multiply(_:weights:bias:converters:)`` with the weights the model holds
/// (the sample swapped in by ``CrossbarNetwork/withWeights(_:_:)``), and every other layer runs
/// as usual in evaluation mode.
final class CrossbarForward {
  /// What the pass does at each mapped layer.
  enum Mode {
    /// Computes ideally and records each layer's inputs and partial sums.
    case calibrate
    /// Computes through the tiles with these converters, one per mapped layer.
    case convert([CrossbarConverters])
  }

  let network: CrossbarNetwork
  /// Forward hooks installed on every pass (fake-quantised activations, for instance).
  let hooks: [String: (Variable) throws -> Variable]
  /// Per mapped layer, the ranges seen in calibration passes.
  private(set) var calibrations: [ConverterCalibration]

  init(network: CrossbarNetwork, hooks: [String: (Variable) throws -> Variable] = [:]) {
    self.network = network
    self.hooks = hooks
    self.calibrations = Array(repeating: ConverterCalibration(), count: network.layers.count)
  }

  /// The model's outputs for a batch of examples.
  func callAsFunction(_ x: Tensor, mode: Mode) throws -> Tensor {
    let context = ForwardContext(training: false)
    context.hooks = hooks
    for i in network.layers.indices {
      context.layerOverrides[network.layers[i].path] = { [unowned self] input in
        Variable(try self.compute(i, input.value, mode))
      }
    }
    return try network.model.forward(Variable(x), context: context).value
  }

  /// Mapped layer `i` on input `x`, as `mode` asks.
  private func compute(_ i: Int, _ x: Tensor, _ mode: Mode) throws -> Tensor {
    let layer = network.layers[i]
    let (mapping, weights, bias) = (layer.mapping, layer.weight.value, layer.bias?.value)
    switch layer.operation {
    case .convolution(let s, let p):
      let (stride, padding) = ((s, s), (p, p))
      switch mode {
      case .calibrate:
        calibrations[i].observe(
          inputs: x, partialSums: try mapping.partialSums(convolving: x, weights: weights, stride: stride, padding: padding))
        return try mapping.convolve(x, weights: weights, bias: bias, stride: stride, padding: padding)
      case .convert(let converters):
        return try mapping.convolve(x, weights: weights, bias: bias, stride: stride, padding: padding, converters: converters[i])
      }
    case .linear:
      // Linear layers take [N, features]; a preceding Flatten has made it so.
      let input = x.rank == 2 ? x : x.flattened(fromAxis: 1)
      switch mode {
      case .calibrate:
        calibrations[i].observe(inputs: input, partialSums: try mapping.partialSums(input, weights: weights))
        return try mapping.multiply(input, weights: weights, bias: bias)
      case .convert(let converters):
        return try mapping.multiply(input, weights: weights, bias: bias, converters: converters[i])
      }
    }
  }
}
