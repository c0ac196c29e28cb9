extension Variable {
  /// Checks batch-norm operands: `[N, C, ...]` input with `[C]` scale and shift.
  static func checkBatchNorm(_ x: [Int], _ gamma: [Int], _ beta: [Int]) throws {
    guard x.count >= 2, gamma == [x[1]], beta == [x[1]] else {
      throw TensorError.shapeMismatch("batch norm of input \(x) with gamma \(gamma) and beta \(beta)")
    }
  }

  /// Batch normalisation with the batch's statistics (training mode); also returns the statistics.
  ///
  /// With `fusingReLU`, the output is `max(bn(x), 0)` computed in the same pass
  /// (batch norm followed by ReLU, without the intermediate tensor).
  public static func batchNorm(
    _ x: Variable, gamma: Variable, beta: Variable, epsilon: Float = 1e-5, fusingReLU: Bool = false
  ) throws -> (output: Variable, statistics: BatchStatistics) {
    try checkBatchNorm(x.shape, gamma.shape, beta.shape)
    let (xv, gv) = (x.value, gamma.value)
    let (y, stats) = Tensor.batchNormTraining(xv, gamma: gv, beta: beta.value, epsilon: epsilon, relu: fusingReLU)
    let (xid, gid, bid) = (x.id, gamma.id, beta.id)
    let needX = x.isTracked
    let reluOutput = fusingReLU ? y : nil
    let out = result(y, on: tape(of: x, gamma, beta)) { tape, dy in
      let grads = Tensor.batchNormTrainingBackward(
        xv, gamma: gv, statistics: stats, outputGradient: dy, needInput: needX, reluOutput: reluOutput)
      if let dx = grads.input { tape.accumulate(dx, into: xid) }
      tape.accumulate(grads.gamma, into: gid)
      tape.accumulate(grads.beta, into: bid)
    }
    return (out, stats)
  }

  /// Batch normalisation with fixed statistics (evaluation mode), followed by ReLU in the same pass with `fusingReLU`.
  public static func batchNorm(
    _ x: Variable, gamma: Variable, beta: Variable, mean: Tensor, variance: Tensor, epsilon: Float = 1e-5,
    fusingReLU: Bool = false
  ) throws -> Variable {
    try checkBatchNorm(x.shape, gamma.shape, beta.shape)
    guard mean.shape == gamma.shape, variance.shape == gamma.shape else {
      throw TensorError.shapeMismatch("batch norm statistics \(mean.shape), \(variance.shape) for \(gamma.shape)")
    }
    let affine = ChannelAffine(
      gamma: gamma.value, beta: beta.value, mean: mean, variance: variance, epsilon: epsilon, relu: fusingReLU)
    return fixedBatchNorm(
      x, gamma: gamma, beta: beta, mean: mean, variance: variance, epsilon: epsilon, fusingReLU: fusingReLU,
      output: x.value.channelAffine(affine, planeMeans: false).output)
  }

  /// `batchNorm` with fixed statistics, also returning the mean of every output plane
  /// (`[N, C, 1, 1]`, a constant) from the same pass: what a global average pooling of the
  /// output gives, bit for bit, without reading the output again.
  public static func batchNormWithPlaneMeans(
    _ x: Variable, gamma: Variable, beta: Variable, mean: Tensor, variance: Tensor, epsilon: Float = 1e-5,
    fusingReLU: Bool = false
  ) throws -> (output: Variable, means: Tensor) {
    try checkBatchNorm(x.shape, gamma.shape, beta.shape)
    guard mean.shape == gamma.shape, variance.shape == gamma.shape else {
      throw TensorError.shapeMismatch("batch norm statistics \(mean.shape), \(variance.shape) for \(gamma.shape)")
    }
    guard x.shape.count == 4 else { throw TensorError.shapeMismatch("plane means need NCHW input, got \(x.shape)") }
    let affine = ChannelAffine(
      gamma: gamma.value, beta: beta.value, mean: mean, variance: variance, epsilon: epsilon, relu: fusingReLU)
    let (y, means) = x.value.channelAffine(affine, planeMeans: true)
    let out = fixedBatchNorm(
      x, gamma: gamma, beta: beta, mean: mean, variance: variance, epsilon: epsilon, fusingReLU: fusingReLU, output: y)
    return (out, means!)
  }

  /// Puts a fixed-statistics batch norm's output `y` on the tape with its adjoint.
  static func fixedBatchNorm(
    _ x: Variable, gamma: Variable, beta: Variable, mean: Tensor, variance: Tensor, epsilon: Float, fusingReLU: Bool,
    output y: Tensor
  ) -> Variable {
    let (xv, gv) = (x.value, gamma.value)
    let (xid, gid, bid) = (x.id, gamma.id, beta.id)
    let needX = x.isTracked
    let reluOutput = fusingReLU ? y : nil
    return result(y, on: tape(of: x, gamma, beta)) { tape, dy in
      let grads = Tensor.batchNormFixedBackward(
        xv, gamma: gv, mean: mean, variance: variance, epsilon: epsilon, outputGradient: dy, needInput: needX,
        reluOutput: reluOutput)
      if let dx = grads.input { tape.accumulate(dx, into: xid) }
      tape.accumulate(grads.gamma, into: gid)
      tape.accumulate(grads.beta, into: bid)
    }
  }
}
