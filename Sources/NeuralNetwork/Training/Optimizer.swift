import Tensor

/// Updates parameters from their gradients.
///
/// `step` is all-or-nothing: it computes every new value first and commits
/// only if all of them are finite, so a diverging update leaves the weights
/// as they were.
public protocol Optimizer: AnyObject {
  /// The learning rate of the next step (schedules set it each epoch).
  var learningRate: Float { get set }
  /// Applies one update to the parameters that have gradients; returns false
  /// (and changes nothing) if any new value would not be finite.
  func step(_ parameters: [Parameter]) -> Bool
}

/// The optimisers and their settings, as a value (for configurations).
public enum OptimizerSettings: Sendable, Equatable {
  /// Stochastic gradient descent with momentum, optional Nesterov momentum and L2 weight decay.
  case sgd(learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0)
  /// Adam with L2 weight decay added to the gradient.
  case adam(
    learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0)
  /// AdamW: Adam with decoupled weight decay.
  case adamW(
    learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01)

  /// The base learning rate.
  public var learningRate: Float {
    switch self {
    case .sgd(let lr, _, _, _), .adam(let lr, _, _, _, _), .adamW(let lr, _, _, _, _): return lr
    }
  }

  /// A fresh optimiser with these settings.
  public func makeOptimizer() -> Optimizer {
    switch self {
    case .sgd(let lr, let momentum, let nesterov, let wd):
      return SGD(learningRate: lr, momentum: momentum, nesterov: nesterov, weightDecay: wd)
    case .adam(let lr, let b1, let b2, let eps, let wd):
      return Adam(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd, decoupled: false)
    case .adamW(let lr, let b1, let b2, let eps, let wd):
      return Adam(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd, decoupled: true)
    }
  }
}
