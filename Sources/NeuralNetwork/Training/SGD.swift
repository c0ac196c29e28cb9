import Tensor

/// Stochastic gradient descent as PyTorch's `SGD`: momentum, Nesterov, L2 weight decay.
///
/// `g = grad + wd * w; buf = momentum * buf + g (buf = g at first);
/// g = nesterov ? g + momentum * buf : buf; w -= lr * g`.
public final class SGD: Optimizer {
  /// The learning rate of the next step.
  public var learningRate: Float
  /// The momentum factor (0 for plain SGD).
  public let momentum: Float
  /// Whether to use Nesterov momentum.
  public let nesterov: Bool
  /// The L2 penalty factor added to gradients.
  public let weightDecay: Float
  private var states: [ObjectIdentifier: SGDState] = [:]

  /// Creates the optimiser.
  public init(learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
  }

  /// One update of every parameter with a gradient; all-or-nothing.
  public func step(_ parameters: [Parameter]) -> Bool {
    var staged = [(Parameter, SGDState)]()
    for p in parameters {
      guard let grad = p.gradient, grad.shape == p.value.shape else { continue }
      let key = ObjectIdentifier(p)
      let state = states[key] ?? SGDState()
      states[key] = state
      // New values go to scratch buffers; they replace the weights only if all are finite.
      guard
        state.stage(p.value.scalars, grad.scalars, lr: learningRate, mu: momentum, wd: weightDecay, nesterov: nesterov)
      else { return false }
      staged.append((p, state))
    }
    for (p, state) in staged { state.commit(into: p) }
    return true
  }
}

/// One SGD update over `range`; returns the largest exponent field of the new values.
///
/// The exponent test replaces `isFinite` because an integer max reduction vectorises.
@inline(__always)
func sgdKernel(
  w: UnsafePointer<Float>, g: UnsafePointer<Float>, old: UnsafePointer<Float>, buf: UnsafeMutablePointer<Float>,
  out: UnsafeMutablePointer<Float>, range: Range<Int>, lr: Float, mu: Float, wd: Float, nesterov: Bool, first: Bool
) -> UInt32 {
  var exponents: UInt32 = 0
  if mu == 0 {
    for i in range {
      let v = w[i] - lr * (g[i] + wd * w[i])
      out[i] = v
      exponents = max(exponents, v.bitPattern & 0x7F80_0000)
    }
    return exponents
  }
  // At the first step PyTorch sets buf = g (no momentum term).
  let keep: Float = first ? 0 : mu
  for i in range {
    let d = g[i] + wd * w[i]
    let b = keep * old[i] + d
    buf[i] = b
    let v = w[i] - lr * (nesterov ? d + mu * b : b)
    out[i] = v
    exponents = max(exponents, v.bitPattern & 0x7F80_0000)
  }
  return exponents
}

/// The momentum buffer of one parameter and the scratch buffers of a staged step.
final class SGDState {
  var momentum: [Float] = []
  var newMomentum: [Float] = []
  var newValue: [Float] = []

  /// Computes the step into the scratch buffers; false if a new value is not finite.
  func stage(_ w: [Float], _ g: [Float], lr: Float, mu: Float, wd: Float, nesterov: Bool) -> Bool {
    let n = w.count
    let first = momentum.count != n
    if newValue.count != n { newValue = [Float](repeating: 0, count: n) }
    if mu != 0, newMomentum.count != n { newMomentum = [Float](repeating: 0, count: n) }
    if mu != 0, first { momentum = [Float](repeating: 0, count: n) }
    var exponents = [UInt32](repeating: 0, count: Parallel.workerCount)
    w.withUnsafeBufferPointer { w in
      g.withUnsafeBufferPointer { g in
        momentum.withUnsafeBufferPointer { old in
          newMomentum.withUnsafeMutableBufferPointer { buf in
            newValue.withUnsafeMutableBufferPointer { out in
              exponents.withUnsafeMutableBufferPointer { exponents in
                guard let w = w.baseAddress, let g = g.baseAddress, let out = out.baseAddress else { return }
                // Without momentum the buffers are empty and never read.
                let old = old.baseAddress ?? UnsafePointer(out)
                let buf = buf.baseAddress ?? out
                Parallel.indexedRanges(n, minimum: Parallel.grain) { worker, range in
                  exponents[worker] = sgdKernel(
                    w: w, g: g, old: old, buf: buf, out: out, range: range, lr: lr, mu: mu, wd: wd,
                    nesterov: nesterov, first: first)
                }
              }
            }
          }
        }
      }
    }
    // An all-ones exponent marks infinity or NaN.
    return !exponents.contains(0x7F80_0000)
  }

  /// Swaps the staged values in (the old arrays become the next step's scratch).
  func commit(into p: Parameter) {
    swap(&p.value.scalars, &newValue)
    if !newMomentum.isEmpty { swap(&momentum, &newMomentum) }
  }
}
