import Tensor

/// A layer's weights programmed onto crossbar tiles as differential conductance pairs.
///
/// The weights are seen as a matrix `[outputs, inputs]`: a linear layer's `[out, in]`, a
/// convolution's `[out, in * kh * kw]` (inputs ordered channel, kernel row, kernel column, as
/// its weight tensor and the im2col patches are). One scale per layer maps the largest
/// weight magnitude to the conductance span: `scale = (g_max - g_min) / max|W|` (uS per
/// weight unit). A positive weight programs `G+ = g_min + scale * w` and leaves `G- = g_min`;
/// a negative one the reverse; the crossbar reads `(G+ - G-) / scale`. With `levels`, each
/// device is programmed to the nearest of the evenly spaced levels from `g_min` to `g_max`.
public struct CrossbarMapping: Sendable {
  /// The settings the weights were programmed with.
  public let configuration: CrossbarConfiguration
  /// The shape of the original weight tensor (`[out, in]` or `[out, in, kh, kw]`).
  public let weightShape: [Int]
  /// The layout over tiles.
  public let tiling: CrossbarTiling
  /// Conductance per weight unit in uS: `(g_max - g_min) / max|W|`.
  public let scale: Double
  /// The programmed conductances of the positive devices in uS, `[outputs, inputs]`.
  public let positive: Tensor
  /// The programmed conductances of the negative devices in uS, `[outputs, inputs]`.
  public let negative: Tensor
  /// The weights the crossbar holds without variation, in the original shape.
  public let nominalWeights: Tensor

  /// Programs `weights` (rank 2 or more; the first axis is the outputs) onto tiles of `configuration`.
  public init(weights: Tensor, configuration: CrossbarConfiguration = .standard) throws {
    guard weights.rank >= 2, weights.shape.allSatisfy({ $0 > 0 }) else {
      throw CrossbarError(.shapeMismatch, "crossbar weights must be a non-empty matrix [outputs, inputs, ...], got \(weights.shape)")
    }
    guard weights.isFinite else {
      throw CrossbarError(.invalidSetting, "crossbar weights must be finite")
    }
    let outputs = weights.shape[0]
    let inputs = weights.count / outputs
    let magnitude = AnalogKernels.maximumMagnitude(weights)
    let span = configuration.conductanceSpan
    // An all-zero matrix programs every device to g_min whatever the scale; pick one that maps 1 to the span.
    let scale = magnitude > 0 ? span / Double(magnitude) : span
    let matrix = weights.flattened(fromAxis: 1)
    var positive = Tensor(zeros: [outputs, inputs])
    var negative = Tensor(zeros: [outputs, inputs])
    AnalogKernels.program(
      matrix, scale: Float(scale), minimum: Float(configuration.minimumConductance),
      maximum: Float(configuration.maximumConductance), levels: configuration.levels,
      positive: &positive, negative: &negative)
    self.configuration = configuration
    self.weightShape = weights.shape
    self.tiling = CrossbarTiling(outputs: outputs, inputs: inputs, configuration: configuration)
    self.scale = scale
    self.positive = positive
    self.negative = negative
    self.nominalWeights = AnalogKernels.read(positive: positive, negative: negative, scale: Float(scale), shape: weights.shape)
  }

  /// The matrix's outputs.
  public var outputs: Int { tiling.outputs }
  /// The matrix's inputs.
  public var inputs: Int { tiling.inputs }
}
