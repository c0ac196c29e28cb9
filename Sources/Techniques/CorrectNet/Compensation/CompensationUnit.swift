import NeuralNetwork
import Tensor

/// The digital error compensation of one layer: a generator `G` and a compensator `C` with
/// `y' = y_var + C(G(x))`, where `x` is the layer's input and `y_var` its output on the varied crossbar.
///
/// Form (our reading; the paper's exact architecture is not known here):
/// - for a convolution with `in` inputs, `out` outputs, a `k × k` kernel, stride `s` and padding `p`,
///   the generator is a `k × k` convolution with the same stride and padding from `in` to `r`
///   channels (no bias) and the compensator a `1 × 1` convolution from `r` to `out` channels with
///   a bias;
/// - for a linear layer, the generator is a linear map `in → r` and the compensator `r → out` with a bias.
///
/// For a fixed draw the error `(W_var − W) x` is linear in `x`, and so is its expectation over
/// draws, `(e^{σ²/2} − 1) W x`; a rank-`r` linear correction is the natural small family for it.
/// The compensator starts at zero, so an untrained unit leaves the layer unchanged. Both maps are
/// digital: they are never varied.
public final class CompensationUnit {
  /// How the unit computes.
  public enum Form: Equatable, Sendable {
    /// Convolutions: generator `k × k` with the layer's stride and padding, compensator `1 × 1`.
    case convolution(kernel: Int, stride: Int, padding: Int)
    /// Linear maps.
    case linear
  }

  /// The path of the compensated layer.
  public let layer: String
  /// How it computes.
  public let form: Form
  /// `r`, the channels (or features) of the compensation data.
  public let rank: Int
  /// The generator's weights: `[r, in, k, k]` or `[r, in]`.
  public let generator: Parameter
  /// The compensator's weights: `[out, r, 1, 1]` or `[out, r]`.
  public let compensator: Parameter
  /// The compensator's bias, `[out]`.
  public let bias: Parameter
  /// Output positions per example (`H' · W'` for a convolution, 1 for a linear layer).
  public let outputPositions: Int

  /// Creates an untrained unit for `layer` (a `Conv2d` or `Linear`) whose output has `outputPositions`
  /// positions per example; the generator is drawn from `seed`, the compensator is zero.
  public init(for layer: Layer, rank: Int, outputPositions: Int, seed: UInt64) throws {
    guard rank >= 1 else { throw CorrectNetError(.invalidSetting, "the compensation rank must be at least 1, got \(rank)") }
    let (inputs, outputs, generatorShape, compensatorShape): (Int, Int, [Int], [Int])
    if let conv = layer as? Conv2d {
      form = .convolution(kernel: conv.kernelSize, stride: conv.stride, padding: conv.padding)
      inputs = conv.inChannels * conv.kernelSize * conv.kernelSize
      outputs = conv.outChannels
      generatorShape = [rank, conv.inChannels, conv.kernelSize, conv.kernelSize]
      compensatorShape = [outputs, rank, 1, 1]
    } else if let linear = layer as? Linear {
      form = .linear
      inputs = linear.inFeatures
      outputs = linear.outFeatures
      generatorShape = [rank, inputs]
      compensatorShape = [outputs, rank]
    } else {
      throw CorrectNetError(
        .unknownLayer, "layer '\(layer.path)' is a \(layer.typeName); only convolution and linear layers run on crossbars")
    }
    self.layer = layer.path
    self.rank = rank
    self.outputPositions = outputPositions
    var generator = SeededGenerator(seed: seed)
    self.generator = Parameter(
      Tensor(randomNormal: generatorShape, standardDeviation: Float(1 / Double(inputs).squareRoot()), generator: &generator))
    self.compensator = Parameter(Tensor(zeros: compensatorShape))
    self.bias = Parameter(Tensor(zeros: [outputs]))
  }

  /// The unit's trainable tensors.
  public var parameters: [Parameter] { [generator, compensator, bias] }

  /// Weights and biases the unit stores.
  public var weightCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

  /// Multiply-accumulates per example: the generator's and the compensator's.
  public var macs: Int {
    let generatorPerPosition = generator.value.count
    let compensatorPerPosition = compensator.value.count
    return outputPositions * (generatorPerPosition + compensatorPerPosition)
  }

  /// The compensation `C(G(x))` for the layer input `x`, read through `context` (on its tape when training).
  public func compute(_ x: Variable, context: ForwardContext) throws -> Variable {
    let g = context.variable(for: generator)
    let c = context.variable(for: compensator)
    let b = context.variable(for: bias)
    switch form {
    case .convolution(_, let stride, let padding):
      let data = try Variable.conv2d(x, weight: g, stride: (stride, stride), padding: (padding, padding))
      return try Variable.conv2d(data, weight: c, bias: b)
    case .linear:
      let input = x.shape.count == 2 ? x : x.flattened(fromAxis: 1)
      let data = try Variable.linear(input, weight: g, bias: nil)
      return try Variable.linear(data, weight: c, bias: b)
    }
  }
}
