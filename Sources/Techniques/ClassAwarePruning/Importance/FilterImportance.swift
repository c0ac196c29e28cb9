/// The importance of every filter of the scored convolutions.
public struct FilterImportance: Sendable, Equatable, Codable {
  /// One entry per scored convolution, in model order.
  public var layers: [LayerImportance]
  /// The number of classes the scores add up over (the largest possible importance).
  public var classCount: Int
  /// The images scored per class.
  public var imagesPerClass: Int
  /// The threshold on `|a · dL/da|` that counted an activation as relevant.
  public var tau: Double
  /// How position scores became filter scores.
  public var aggregation: ImportanceAggregation

  /// Creates a result.
  public init(
    layers: [LayerImportance], classCount: Int, imagesPerClass: Int, tau: Double, aggregation: ImportanceAggregation
  ) {
    self.layers = layers
    self.classCount = classCount
    self.imagesPerClass = imagesPerClass
    self.tau = tau
    self.aggregation = aggregation
  }

  /// The entry of one layer, if it was scored.
  public func layer(_ path: String) -> LayerImportance? { layers.first { $0.layer == path } }

  /// Every filter's importance, layer after layer.
  public var allScores: [Double] { layers.flatMap(\.importance) }

  /// The mean importance over all filters.
  public var meanScore: Double {
    let all = allScores
    return all.isEmpty ? 0 : all.reduce(0, +) / Double(all.count)
  }
}

/// The importance of the filters of one convolution.
public struct LayerImportance: Sendable, Equatable, Codable {
  /// The convolution's dotted path.
  public var layer: String
  /// `perClass[c][f]`: the score of filter `f` for class `c`, the maximum over its activations
  /// of the fraction of the class's images for which the activation mattered, in [0, 1].
  public var perClass: [[Double]]
  /// The importance of each filter, in [0, classes] (see `ImportanceAggregation`).
  public var importance: [Double]
  /// Molchanov et al.'s first-order Taylor criterion of each filter: the mean over images of
  /// `|mean over positions of a · dL/da|`, divided by the layer's L2 norm of these values.
  public var taylor: [Double]

  /// Creates an entry.
  public init(layer: String, perClass: [[Double]], importance: [Double], taylor: [Double]) {
    self.layer = layer
    self.perClass = perClass
    self.importance = importance
    self.taylor = taylor
  }

  /// The number of filters.
  public var filterCount: Int { importance.count }
}
