import Tensor

/// Batch normalisation over the channels of NCHW data or the features of `[N, F]` data.
///
/// Training uses the batch's statistics and updates running estimates
/// (`running = (1 - momentum) * running + momentum * batch`, with the unbiased
/// batch variance, as PyTorch); evaluation uses the running estimates.
public final class BatchNorm: Layer {
  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String
  /// The number of channels (changes with surgery).
  public private(set) var channels: Int
  /// Added to the variance before the square root.
  public let epsilon: Float
  /// The weight of the new batch in the running estimates.
  public let momentum: Float
  /// The scale, `gamma` (named `weight` as in PyTorch).
  public let weight: Parameter
  /// The shift, `beta` (named `bias`).
  public let bias: Parameter
  /// The running mean of each channel.
  public let runningMean: Parameter
  /// The running variance of each channel.
  public let runningVariance: Parameter

  /// Creates a layer with unit scale, zero shift, zero mean and unit variance.
  public init(name: String, channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
    self.name = name
    self.path = name
    self.channels = channels
    self.epsilon = epsilon
    self.momentum = momentum
    self.weight = Parameter(Tensor(ones: [channels]))
    self.bias = Parameter(Tensor(zeros: [channels]))
    self.runningMean = Parameter(Tensor(zeros: [channels]))
    self.runningVariance = Parameter(Tensor(ones: [channels]))
  }

  /// "BatchNorm".
  public var typeName: String { "BatchNorm" }

  /// The description with the current channel count.
  public var spec: LayerSpec { .batchNorm(name: name, channels: channels, epsilon: epsilon, momentum: momentum) }

  /// `weight` (gamma) and `bias` (beta).
  public var ownParameters: [(name: String, parameter: Parameter)] { [("weight", weight), ("bias", bias)] }

  /// `running_mean` and `running_var`.
  public var ownBuffers: [(name: String, parameter: Parameter)] {
    [("running_mean", runningMean), ("running_var", runningVariance)]
  }

  /// The input shape, whose first extent must be the channel count.
  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.first == channels else {
      throw ModelError(.shapeMismatch, "layer '\(path)' expects \(channels) channels, got \(input)")
    }
    return input
  }

  /// Unit scale, zero shift, fresh statistics.
  public func initialize(generator: inout SeededGenerator) {
    weight.value = Tensor(ones: [channels])
    bias.value = Tensor(zeros: [channels])
    runningMean.value = Tensor(zeros: [channels])
    runningVariance.value = Tensor(ones: [channels])
  }

  /// Normalises a batch with batch statistics (training) or running statistics (evaluation).
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    try forward(x, context: context, fusingReLU: false)
  }

  /// Normalises a batch, followed by a ReLU in the same pass when `fusingReLU`.
  public func forward(_ x: Variable, context: ForwardContext, fusingReLU: Bool) throws -> Variable {
    let gamma = context.variable(for: weight)
    let beta = context.variable(for: bias)
    guard context.isTraining else {
      return try Variable.batchNorm(
        x, gamma: gamma, beta: beta, mean: runningMean.value, variance: runningVariance.value, epsilon: epsilon,
        fusingReLU: fusingReLU)
    }
    let (y, stats) = try Variable.batchNorm(x, gamma: gamma, beta: beta, epsilon: epsilon, fusingReLU: fusingReLU)
    let m = momentum
    let count = Float(stats.elementCount)
    let correction = count > 1 ? count / (count - 1) : 1
    let (runningMean, runningVariance) = (self.runningMean, self.runningVariance)
    context.updateBuffers {
      var mean = runningMean.value
      var variance = runningVariance.value
      for c in 0..<mean.count {
        mean.scalars[c] = (1 - m) * mean.scalars[c] + m * stats.mean[c]
        variance.scalars[c] = (1 - m) * variance.scalars[c] + m * stats.variance[c] * correction
      }
      runningMean.value = mean
      runningVariance.value = variance
    }
    return y
  }

  /// Evaluation-mode batch norm fused with the ReLU after it, also returning the mean of every
  /// output plane from the same pass (see `Variable.batchNormWithPlaneMeans`).
  func forwardWithPlaneMeans(_ x: Variable, context: ForwardContext) throws -> (output: Variable, means: Tensor) {
    try Variable.batchNormWithPlaneMeans(
      x, gamma: context.variable(for: weight), beta: context.variable(for: bias), mean: runningMean.value,
      variance: runningVariance.value, epsilon: epsilon, fusingReLU: true)
  }

  /// The layer in evaluation as a per-channel affine map (then a ReLU when `relu`), for a
  /// convolution to apply as it writes its output.
  func evaluationAffine(relu: Bool) -> ChannelAffine {
    ChannelAffine(
      gamma: weight.value, beta: bias.value, mean: runningMean.value, variance: runningVariance.value, epsilon: epsilon,
      relu: relu)
  }

  /// Keeps only the channels `keep`.
  func keepChannels(_ keep: [Int]) throws {
    for p in [weight, bias, runningMean, runningVariance] {
      p.value = try p.value.indexSelect(alongAxis: 0, indices: keep)
      p.gradient = nil
    }
    channels = keep.count
  }
}
