/// Per-channel statistics of a batch-normalisation forward pass in training mode.
public struct BatchStatistics: Sendable {
  /// The batch mean of each channel.
  public var mean: [Float]
  /// The biased batch variance of each channel (divided by the element count).
  public var variance: [Float]
  /// `1 / sqrt(variance + epsilon)` per channel.
  public var inverseStandardDeviation: [Float]
  /// The number of elements per channel the statistics are over.
  public var elementCount: Int
}

extension Tensor {
  /// The `(batch, channels, plane)` extents of a `[N, C, ...]` tensor for per-channel work.
  var channelExtents: (batch: Int, channels: Int, plane: Int) {
    (shape[0], shape[1], shape[2...].reduce(1, *))
  }

  /// Applies `y = x * scale[c] + shift[c]` to every channel `c` of a `[N, C, ...]` tensor,
  /// then `max(y, 0)` when `relu` (batch norm fused with the ReLU after it).
  public func channelAffine(scale: [Float], shift: [Float], relu: Bool = false) -> Tensor {
    channelAffine(ChannelAffine(scale: scale, shift: shift, relu: relu), planeMeans: false).output
  }

  /// `channelAffine`, also returning the mean of every output plane, `[N, C, 1, 1]`, from the
  /// same pass: global average pooling of the output without reading it from memory again. The
  /// means are bit for bit those of `adaptiveAvgPool2d(_:outputSize: (1, 1))` of the output, so
  /// a head that reads them decides as one that pools.
  public func channelAffineWithPlaneMeans(scale: [Float], shift: [Float], relu: Bool) -> (output: Tensor, means: Tensor) {
    let (output, means) = channelAffine(ChannelAffine(scale: scale, shift: shift, relu: relu), planeMeans: true)
    return (output, means!)
  }

  /// The affine map over every plane, each plane finished (and its mean taken) while in cache.
  func channelAffine(_ affine: ChannelAffine, planeMeans: Bool) -> (output: Tensor, means: Tensor?) {
    let (n, c, plane) = channelExtents
    precondition(affine.channels == c, "channelAffine: \(affine.channels) scales for \(c) channels")
    var means = planeMeans ? Tensor(zeros: [n, c, 1, 1]) : nil
    guard count > 0 else { return (self, means) }
    let output = Tensor(shape: shape) { out, _ in
      withPointer { x in
        affine.scale.withUnsafeBufferPointer { scale in
          affine.shift.withUnsafeBufferPointer { shift in
            func run(_ m: UnsafeMutablePointer<Float>?) {
              let epilogue = PlaneEpilogue(scale: scale.baseAddress!, shift: shift.baseAddress!, relu: affine.relu, means: m)
              Parallel.ranges(n * c, minimum: Swift.max(1, Parallel.grain / Swift.max(plane, 1))) { planes in
                epilogue.finish(
                  x + planes.lowerBound * plane, into: out + planes.lowerBound * plane, planes: planes.count, channels: c,
                  count: plane, index: planes.lowerBound)
              }
            }
            if means == nil { run(nil) } else { means!.withMutablePointer { run($0) } }
          }
        }
      }
    }
    return (output, means)
  }

  /// Batch normalisation with batch statistics (training mode) over `[N, C, ...]`: the output and the statistics.
  public static func batchNormTraining(_ x: Tensor, gamma: Tensor, beta: Tensor, epsilon: Float, relu: Bool = false)
    -> (
      output: Tensor, statistics: BatchStatistics
    )
  {
    let (n, c, plane) = x.channelExtents
    precondition(gamma.count == c && beta.count == c, "batch norm of \(c) channels with \(gamma.count) scales")
    let m = n * plane
    var mean = [Float](repeating: 0, count: c)
    var variance = [Float](repeating: 0, count: c)
    var invStd = [Float](repeating: 0, count: c)
    let perChannel = Swift.max(1, Parallel.grain / Swift.max(n * plane, 1))
    x.withPointer { px in
      mean.withUnsafeMutableBufferPointer { mean in
        variance.withUnsafeMutableBufferPointer { variance in
          invStd.withUnsafeMutableBufferPointer { invStd in
            Parallel.ranges(c, minimum: perChannel) { channels in
              for ch in channels {
                // One pass over the data: per-plane sums and sums of squares of x - k in float lanes,
                // across planes in double. k, the mean of the first plane, keeps E[d²] - E[d]² from
                // cancelling when the mean is large next to the spread.
                let first = px + ch * plane
                let k = Float(vectorSum(first, count: plane) / Double(Swift.max(plane, 1)))
                var total = 0.0
                var squares = 0.0
                for b in 0..<n {
                  let (s1, s2) = sumAndSquares(px + (b * c + ch) * plane, count: plane, shift: k)
                  total += s1
                  squares += s2
                }
                let count = Double(Swift.max(m, 1))
                let shifted = total / count
                let mu = Float(Double(k) + shifted)
                let varianceValue = Swift.max(squares / count - shifted * shifted, 0)
                mean[ch] = mu
                variance[ch] = Float(varianceValue)
                invStd[ch] = 1 / (variance[ch] + epsilon).squareRoot()
              }
            }
          }
        }
      }
    }
    var scale = [Float](repeating: 0, count: c)
    var shift = [Float](repeating: 0, count: c)
    for ch in 0..<c {
      scale[ch] = gamma.scalars[ch] * invStd[ch]
      shift[ch] = beta.scalars[ch] - mean[ch] * scale[ch]
    }
    let y = x.channelAffine(scale: scale, shift: shift, relu: relu)
    return (y, BatchStatistics(mean: mean, variance: variance, inverseStandardDeviation: invStd, elementCount: m))
  }

  /// Gradients of training-mode batch normalisation with respect to the input, gamma and beta.
  ///
  /// With `reluOutput` (the output of batch norm fused with ReLU), the output
  /// gradient first passes the ReLU: it counts only where that output is positive.
  static func batchNormTrainingBackward(
    _ x: Tensor, gamma: Tensor, statistics s: BatchStatistics, outputGradient dy: Tensor, needInput: Bool,
    reluOutput: Tensor? = nil
  ) -> (input: Tensor?, gamma: Tensor, beta: Tensor) {
    if let y = reluOutput {
      return y.withPointer { py in
        batchNormTrainingBackward(x, gamma: gamma, statistics: s, outputGradient: dy, needInput: needInput, mask: py)
      }
    }
    return batchNormTrainingBackward(
      x, gamma: gamma, statistics: s, outputGradient: dy, needInput: needInput, mask: nil)
  }

  static func batchNormTrainingBackward(
    _ x: Tensor, gamma: Tensor, statistics s: BatchStatistics, outputGradient dy: Tensor, needInput: Bool,
    mask: UnsafePointer<Float>?
  ) -> (input: Tensor?, gamma: Tensor, beta: Tensor) {
    let (n, c, plane) = x.channelExtents
    let m = Float(Swift.max(s.elementCount, 1))
    var dgamma = [Float](repeating: 0, count: c)
    var dbeta = [Float](repeating: 0, count: c)
    let perChannel = Swift.max(1, Parallel.grain / Swift.max(n * plane, 1))
    x.withPointer { px in
      dy.withPointer { pg in
        dgamma.withUnsafeMutableBufferPointer { dgamma in
          dbeta.withUnsafeMutableBufferPointer { dbeta in
            Parallel.ranges(c, minimum: perChannel) { channels in
              for ch in channels {
                var sumDy = 0.0
                var sumDyX = 0.0
                for b in 0..<n {
                  let off = (b * c + ch) * plane
                  if let mask {
                    let (s1, s2) = maskedSums(pg + off, px + off, mask: mask + off, count: plane)
                    sumDy += s1
                    sumDyX += s2
                  } else {
                    sumDy += vectorSum(pg + off, count: plane)
                    sumDyX += vectorDot(pg + off, px + off, count: plane)
                  }
                }
                dbeta[ch] = Float(sumDy)
                // sum(dy * xhat) = invStd * (sum(dy * x) - mean * sum(dy))
                dgamma[ch] = Float((sumDyX - Double(s.mean[ch]) * sumDy) * Double(s.inverseStandardDeviation[ch]))
              }
            }
          }
        }
      }
    }
    var dx: Tensor? = nil
    if needInput {
      // dx = a * dy + b * x + c per channel, from
      // dx = gamma * invStd * (dy - sum(dy) / m - xhat * sum(dy * xhat) / m).
      var ka = [Float](repeating: 0, count: c)
      var kb = [Float](repeating: 0, count: c)
      var kc = [Float](repeating: 0, count: c)
      for ch in 0..<c {
        let inv = s.inverseStandardDeviation[ch]
        let a = gamma.scalars[ch] * inv
        ka[ch] = a
        kb[ch] = -a * inv * dgamma[ch] / m
        kc[ch] = -a * dbeta[ch] / m + a * inv * s.mean[ch] * dgamma[ch] / m
      }
      dx = Tensor(shape: x.shape) { out, _ in
        x.withPointer { px in
          dy.withPointer { pg in
            Parallel.ranges(n * c, minimum: Swift.max(1, Parallel.grain / Swift.max(plane, 1))) { planes in
              for q in planes {
                let ch = q % c
                let off = q * plane
                let (a, bb, cc) = (ka[ch], kb[ch], kc[ch])
                let src = px + off
                let g = pg + off
                let dst = out + off
                if let mask {
                  let y = mask + off
                  for i in 0..<plane { dst[i] = a * (y[i] > 0 ? g[i] : 0) + bb * src[i] + cc }
                } else {
                  for i in 0..<plane { dst[i] = a * g[i] + bb * src[i] + cc }
                }
              }
            }
          }
        }
      }
    }
    return (dx, Tensor(dgamma), Tensor(dbeta))
  }

  /// Gradients of batch normalisation with fixed statistics (evaluation mode), through the
  /// fused ReLU first when `reluOutput` is given.
  static func batchNormFixedBackward(
    _ x: Tensor, gamma: Tensor, mean: Tensor, variance: Tensor, epsilon: Float, outputGradient given: Tensor,
    needInput: Bool, reluOutput: Tensor? = nil
  ) -> (input: Tensor?, gamma: Tensor, beta: Tensor) {
    let dy = reluOutput.map { Variable.derivative(.relu, x: $0, y: $0, g: given) } ?? given
    let (n, c, plane) = x.channelExtents
    var dgamma = [Float](repeating: 0, count: c)
    var dbeta = [Float](repeating: 0, count: c)
    var scale = [Float](repeating: 0, count: c)
    x.withPointer { px in
      dy.withPointer { pg in
        for ch in 0..<c {
          let inv = 1 / (variance.scalars[ch] + epsilon).squareRoot()
          scale[ch] = gamma.scalars[ch] * inv
          var sumDy = 0.0
          var sumDyX = 0.0
          for b in 0..<n {
            let off = (b * c + ch) * plane
            sumDy += vectorSum(pg + off, count: plane)
            sumDyX += vectorDot(pg + off, px + off, count: plane)
          }
          dbeta[ch] = Float(sumDy)
          dgamma[ch] = Float((sumDyX - Double(mean.scalars[ch]) * sumDy) * Double(inv))
        }
      }
    }
    let dx = needInput ? dy.channelAffine(scale: scale, shift: [Float](repeating: 0, count: c)) : nil
    return (dx, Tensor(dgamma), Tensor(dbeta))
  }
}
