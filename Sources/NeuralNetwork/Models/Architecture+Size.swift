import Tensor

extension LayerSpec {
  /// Scalars this layer stores (weights, biases, batch-norm scales and statistics), computed
  /// from the specification alone, so a size can be checked before anything is allocated.
  /// Overflow saturates at `Int.max`.
  public var storedScalars: Int {
    let product = Int.saturatingProduct, sum = Int.saturatingSum
    switch self {
    case .conv2d(_, let inChannels, let outChannels, let kernel, _, _, let bias):
      return sum([product(outChannels, inChannels, kernel, kernel), bias ? outChannels : 0])
    case .linear(_, let inFeatures, let outFeatures, let bias):
      return sum([product(inFeatures, outFeatures), bias ? outFeatures : 0])
    case .batchNorm(_, let channels, _, _):
      return product(4, channels)
    case .sequential(_, let layers):
      return sum(layers.map(\.storedScalars))
    case .residual(_, let body, let shortcut, _):
      var terms = body.map(\.storedScalars)
      if case .projection(let layers) = shortcut { terms += layers.map(\.storedScalars) }
      return sum(terms)
    case .maxPool, .avgPool, .adaptiveAvgPool, .activation, .flatten, .dropout:
      return 0
    }
  }
}

extension Architecture {
  /// Scalars the model stores (see ``LayerSpec/storedScalars``).
  public var storedScalars: Int { .saturatingSum(layers.map(\.storedScalars)) }
}
