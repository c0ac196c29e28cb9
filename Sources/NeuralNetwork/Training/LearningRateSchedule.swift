/// How the learning rate changes from epoch to epoch.
public enum LearningRateSchedule: Sendable, Equatable, Codable {
  /// The base rate throughout.
  case constant
  /// The base rate times `factor` after every `every` epochs (PyTorch's `StepLR`).
  case step(every: Int, factor: Float)
  /// Cosine annealing from the base rate to `minimum` over the run (PyTorch's `CosineAnnealingLR`).
  case cosine(minimum: Float)

  /// The rate for epoch `epoch` (0-based) of `epochs`.
  public func rate(base: Float, epoch: Int, epochs: Int) -> Float {
    switch self {
    case .constant:
      return base
    case .step(let every, let factor):
      guard every > 0 else { return base }
      var rate = base
      for _ in 0..<(epoch / every) { rate *= factor }
      return rate
    case .cosine(let minimum):
      guard epochs > 1 else { return base }
      let progress = Double(epoch) / Double(epochs)
      return minimum + (base - minimum) * Float((1 + _cosine(Double.pi * progress)) / 2)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@inline(__always) func _cosine(_ x: Double) -> Double { cos(x) }
