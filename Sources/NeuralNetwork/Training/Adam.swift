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
  private var states: [ObjectIdentifier: AdamState] = [:]

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
    var staged = [(Parameter, AdamState)]()
    for p in parameters {
      guard let grad = p.gradient, grad.shape == p.value.shape else { continue }
      let key = ObjectIdentifier(p)
      let state = states[key] ?? AdamState(count: p.value.count)
      states[key] = state
      guard state.stage(p.value.scalars, grad.scalars, optimizer: self) else { return false }
      staged.append((p, state))
    }
    for (p, state) in staged { state.commit(into: p) }
    return true
  }
}

/// The moment estimates of one parameter and the scratch buffers of a staged step.
final class AdamState {
  var m: [Float]
  var v: [Float]
  var t = 0
  var newM: [Float]
  var newV: [Float]
  var newValue: [Float]

  init(count n: Int) {
    m = [Float](repeating: 0, count: n)
    v = m
    newM = m
    newV = m
    newValue = m
  }

  /// Computes the step into the scratch buffers; false if a new value is not finite.
  func stage(_ w: [Float], _ g: [Float], optimizer o: Adam) -> Bool {
    let n = w.count
    guard m.count == n else { return false }
    let t = self.t + 1
    let (lr, b1, b2, eps) = (o.learningRate, o.beta1, o.beta2, o.epsilon)
    let c1 = 1 / (1 - integerPower(b1, t))
    let c2 = 1 / (1 - integerPower(b2, t))
    let decay = o.decoupled ? 1 - lr * o.weightDecay : 1
    let l2 = o.decoupled ? 0 : o.weightDecay
    var exponents: UInt32 = 0
    w.withUnsafeBufferPointer { w in
      g.withUnsafeBufferPointer { g in
        m.withUnsafeBufferPointer { m in
          v.withUnsafeBufferPointer { v in
            newM.withUnsafeMutableBufferPointer { nm in
              newV.withUnsafeMutableBufferPointer { nv in
                newValue.withUnsafeMutableBufferPointer { out in
                  guard let w = w.baseAddress, let g = g.baseAddress, let m = m.baseAddress, let v = v.baseAddress,
                    let nm = nm.baseAddress, let nv = nv.baseAddress, let out = out.baseAddress
                  else { return }
                  for i in 0..<n {
                    let gi = g[i] + l2 * w[i]
                    let mi = b1 * m[i] + (1 - b1) * gi
                    let vi = b2 * v[i] + (1 - b2) * gi * gi
                    nm[i] = mi
                    nv[i] = vi
                    let x = w[i] * decay - lr * (mi * c1) / ((vi * c2).squareRoot() + eps)
                    out[i] = x
                    exponents = max(exponents, x.bitPattern & 0x7F80_0000)
                  }
                }
              }
            }
          }
        }
      }
    }
    // An all-ones exponent marks infinity or NaN; an integer max reduction vectorises.
    return exponents != 0x7F80_0000
  }

  /// Swaps the staged values and moments in.
  func commit(into p: Parameter) {
    swap(&p.value.scalars, &newValue)
    swap(&m, &newM)
    swap(&v, &newV)
    t += 1
  }
}

/// `base` raised to a positive integer power.
func integerPower(_ base: Float, _ exponent: Int) -> Float {
  var result: Float = 1
  for _ in 0..<exponent { result *= base }
  return result
}
