import Tensor

extension Dataset {
  /// The mean and standard deviation of every input value, accumulated in Double.
  public func inputStatistics() -> (mean: Float, std: Float) {
    guard inputs.count > 0 else { return (0, 0) }
    var sum = 0.0
    var sumOfSquares = 0.0
    for value in inputs.scalars {
      let v = Double(value)
      sum += v
      sumOfSquares += v * v
    }
    let n = Double(inputs.count)
    let mean = sum / n
    return (Float(mean), Float(max(sumOfSquares / n - mean * mean, 0).squareRoot()))
  }

  /// The inputs shifted and scaled to `(x - mean) / std`.
  public func normalized(mean: Float, std: Float) throws -> Dataset {
    guard std > 0, std.isFinite, mean.isFinite else {
      throw DataError(.invalidArgument, message: "normalise: needs a finite mean and a positive std, got mean \(mean), std \(std)")
    }
    let inverse = 1 / std
    var scalars = inputs.scalars
    for i in scalars.indices { scalars[i] = (scalars[i] - mean) * inverse }
    return replacingInputs(Tensor(shape: inputs.shape, scalars: scalars))
  }
}
