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
  private var buffers: [ObjectIdentifier: [Float]] = [:]

  /// Creates the optimiser.
  public init(learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
  }

  /// One update of every parameter with a gradient; all-or-nothing.
  public func step(_ parameters: [Parameter]) -> Bool {
    var newValues = [(Parameter, [Float], [Float]?)]()
    for p in parameters {
      guard let grad = p.gradient, grad.shape == p.value.shape else { continue }
      let key = ObjectIdentifier(p)
      let n = p.value.count
      let previous = buffers[key]
      var buffer: [Float]? = nil
      let (lr, mu, wd, nesterov) = (learningRate, momentum, weightDecay, self.nesterov)
      let value = [Float](unsafeUninitializedCapacity: n) { out, initialized in
        p.value.scalars.withUnsafeBufferPointer { w in
          grad.scalars.withUnsafeBufferPointer { g in
            if mu == 0 {
              for i in 0..<n { out[i] = w[i] - lr * (g[i] + wd * w[i]) }
            } else {
              buffer = [Float](unsafeUninitializedCapacity: n) { buf, count in
                if let previous {
                  previous.withUnsafeBufferPointer { old in
                    for i in 0..<n { buf[i] = mu * old[i] + (g[i] + wd * w[i]) }
                  }
                } else {
                  for i in 0..<n { buf[i] = g[i] + wd * w[i] }
                }
                if nesterov {
                  for i in 0..<n { out[i] = w[i] - lr * ((g[i] + wd * w[i]) + mu * buf[i]) }
                } else {
                  for i in 0..<n { out[i] = w[i] - lr * buf[i] }
                }
                count = n
              }
            }
          }
        }
        initialized = n
      }
      guard allFinite(value) else { return false }
      newValues.append((p, value, buffer))
    }
    for (p, value, buffer) in newValues {
      p.value.scalars = value
      if let buffer { buffers[ObjectIdentifier(p)] = buffer }
    }
    return true
  }
}
