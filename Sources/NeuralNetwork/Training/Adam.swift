import Tensor

/// Adam (Kingma and Ba) and AdamW (Loshchilov and Hutter), as PyTorch's.
///
/// Adam adds `wd * w` to the gradient; AdamW instead shrinks the weight by
/// `lr * wd` before the step.
public final class Adam: Optimizer {
  /// The learning rate of the next step.
  public var learningRate: Float
  /// Decay of the first-moment estimate.
  public let beta1: Float
  /// Decay of the second-moment estimate.
  public let beta2: Float
  /// Added to the denominator.
  public let epsilon: Float
  /// The weight-decay factor.
  public let weightDecay: Float
  /// Whether weight decay is decoupled (AdamW).
  public let decoupled: Bool
  private var moments: [ObjectIdentifier: (m: [Float], v: [Float], t: Int)] = [:]

  /// Creates the optimiser.
  public init(
    learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
    weightDecay: Float = 0, decoupled: Bool = false
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decoupled = decoupled
  }

  /// One update of every parameter with a gradient; all-or-nothing.
  public func step(_ parameters: [Parameter]) -> Bool {
    var updates = [(Parameter, [Float], [Float], [Float], Int)]()
    for p in parameters {
      guard let grad = p.gradient, grad.shape == p.value.shape else { continue }
      let n = p.value.count
      let state = moments[ObjectIdentifier(p)]
      let t = (state?.t ?? 0) + 1
      var m = state?.m ?? [Float](repeating: 0, count: n)
      var v = state?.v ?? [Float](repeating: 0, count: n)
      let (lr, b1, b2, eps, wd) = (learningRate, beta1, beta2, epsilon, weightDecay)
      let c1 = 1 / (1 - integerPower(b1, t))
      let c2 = 1 / (1 - integerPower(b2, t))
      let decay = decoupled ? 1 - lr * wd : 1
      let l2 = decoupled ? 0 : wd
      let value = [Float](unsafeUninitializedCapacity: n) { out, initialized in
        p.value.scalars.withUnsafeBufferPointer { w in
          grad.scalars.withUnsafeBufferPointer { g in
            m.withUnsafeMutableBufferPointer { m in
              v.withUnsafeMutableBufferPointer { v in
                for i in 0..<n {
                  let gi = g[i] + l2 * w[i]
                  m[i] = b1 * m[i] + (1 - b1) * gi
                  v[i] = b2 * v[i] + (1 - b2) * gi * gi
                  out[i] = w[i] * decay - lr * (m[i] * c1) / ((v[i] * c2).squareRoot() + eps)
                }
              }
            }
          }
        }
        initialized = n
      }
      guard allFinite(value) else { return false }
      updates.append((p, value, m, v, t))
    }
    for (p, value, m, v, t) in updates {
      p.value.scalars = value
      moments[ObjectIdentifier(p)] = (m, v, t)
    }
    return true
  }
}

/// `base` raised to a positive integer power.
func integerPower(_ base: Float, _ exponent: Int) -> Float {
  var result: Float = 1
  for _ in 0..<exponent { result *= base }
  return result
}
