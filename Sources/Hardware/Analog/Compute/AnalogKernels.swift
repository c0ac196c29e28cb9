import Tensor

/// Whole-tensor loops of the analog models: tight loops over buffers the compiler vectorises.
enum AnalogKernels {
  /// The largest `|x|` of a tensor (0 for an empty one).
  static func maximumMagnitude(_ x: Tensor) -> Float {
    x.scalars.withUnsafeBufferPointer { p in
      var m: Float = 0
      for v in p { m = Swift.max(m, Swift.abs(v)) }
      return m
    }
  }

  /// The smallest and largest element of a tensor (0, 0 for an empty one).
  static func extrema(_ x: Tensor) -> (minimum: Float, maximum: Float) {
    x.scalars.withUnsafeBufferPointer { p in
      guard let first = p.first else { return (0, 0) }
      var (low, high) = (first, first)
      for v in p {
        low = Swift.min(low, v)
        high = Swift.max(high, v)
      }
      return (low, high)
    }
  }

  /// Programs a weight matrix into differential conductances: the active device at
  /// `minimum + scale * |w|` (rounded to `levels` if given), the idle one at `minimum`.
  static func program(
    _ weights: Tensor, scale: Float, minimum: Float, maximum: Float, levels: Int?,
    positive: inout Tensor, negative: inout Tensor
  ) {
    let n = weights.count
    let span = maximum - minimum
    let levelStep = levels.map { span / Float($0 - 1) } ?? 0
    weights.scalars.withUnsafeBufferPointer { w in
      positive.scalars.withUnsafeMutableBufferPointer { gp in
        negative.scalars.withUnsafeMutableBufferPointer { gn in
          for i in 0..<n {
            var offset = Swift.min(scale * Swift.abs(w[i]), span)
            if levelStep > 0 { offset = Swift.min((offset / levelStep).rounded(.toNearestOrEven) * levelStep, span) }
            let active = minimum + offset
            gp[i] = w[i] > 0 ? active : minimum
            gn[i] = w[i] < 0 ? active : minimum
          }
        }
      }
    }
  }

  /// The weights a pair of conductance tensors reads as: `(G+ - G-) / scale`, in `shape`.
  static func read(positive: Tensor, negative: Tensor, scale: Float, shape: [Int]) -> Tensor {
    let n = positive.count
    let inverse = 1 / scale
    var out = [Float](repeating: 0, count: n)
    positive.scalars.withUnsafeBufferPointer { gp in
      negative.scalars.withUnsafeBufferPointer { gn in
        out.withUnsafeMutableBufferPointer { y in
          for i in 0..<n { y[i] = (gp[i] - gn[i]) * inverse }
        }
      }
    }
    return Tensor(shape: shape, scalars: out)
  }

  /// The weights varied devices read as: `(G+ f+ - G- f-) / scale`, in `shape`.
  static func read(
    positive: Tensor, positiveFactors: Tensor, negative: Tensor, negativeFactors: Tensor, scale: Float, shape: [Int]
  ) -> Tensor {
    let n = positive.count
    let inverse = 1 / scale
    var out = [Float](repeating: 0, count: n)
    positive.scalars.withUnsafeBufferPointer { gp in
      negative.scalars.withUnsafeBufferPointer { gn in
        positiveFactors.scalars.withUnsafeBufferPointer { fp in
          negativeFactors.scalars.withUnsafeBufferPointer { fn in
            out.withUnsafeMutableBufferPointer { y in
              for i in 0..<n { y[i] = (gp[i] * fp[i] - gn[i] * fn[i]) * inverse }
            }
          }
        }
      }
    }
    return Tensor(shape: shape, scalars: out)
  }

  /// `weights` with every matrix column (input) outside `kept` set to zero; `weights` is `[outputs, inputs, ...]`.
  static func maskingInputs(_ weights: Tensor, outside kept: Range<Int>) -> Tensor {
    let outputs = weights.shape[0]
    let inputs = weights.count / Swift.max(outputs, 1)
    var masked = weights
    masked.scalars.withUnsafeMutableBufferPointer { w in
      guard let base = w.baseAddress else { return }
      for o in 0..<outputs {
        let row = base + o * inputs
        if kept.lowerBound > 0 { row.update(repeating: 0, count: kept.lowerBound) }
        if kept.upperBound < inputs { (row + kept.upperBound).update(repeating: 0, count: inputs - kept.upperBound) }
      }
    }
    return masked
  }
}
