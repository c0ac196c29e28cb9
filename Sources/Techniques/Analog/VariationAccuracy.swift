import Hardware

/// A network's accuracy over Monte Carlo samples of device variation.
public struct VariationAccuracy: Equatable, Sendable {
  /// The accuracy of each sample, in sample order.
  public var accuracies: [Double]
  /// The variation the samples were drawn from.
  public var variation: LogNormalVariation
  /// The number of examples each sample was evaluated on.
  public var exampleCount: Int

  /// Collects the per-sample accuracies.
  public init(accuracies: [Double], variation: LogNormalVariation, exampleCount: Int) {
    self.accuracies = accuracies
    self.variation = variation
    self.exampleCount = exampleCount
  }

  /// The mean accuracy over the samples (0 for none).
  public var mean: Double {
    accuracies.isEmpty ? 0 : accuracies.reduce(0, +) / Double(accuracies.count)
  }

  /// The sample standard deviation of the accuracies (divisor `n - 1`; 0 for fewer than two samples).
  public var standardDeviation: Double {
    guard accuracies.count > 1 else { return 0 }
    let m = mean
    let squares = accuracies.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    return (squares / Double(accuracies.count - 1)).squareRoot()
  }

  /// The lowest sample accuracy (0 for none).
  public var minimum: Double { accuracies.min() ?? 0 }

  /// The highest sample accuracy (0 for none).
  public var maximum: Double { accuracies.max() ?? 0 }
}

/// Where a Monte Carlo evaluation stands, passed to its per-sample callback.
public struct VariationProgress: Equatable, Sendable {
  /// Samples finished.
  public var done: Int
  /// Samples in the run.
  public var total: Int
  /// The accuracy of the sample just finished.
  public var accuracy: Double
}
