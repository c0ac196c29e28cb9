import NeuralNetwork

/// The size of a network at one moment: parameters, multiply-accumulates and filters per prunable layer.
public struct NetworkCost: Sendable, Equatable, Codable {
  /// Trainable scalars.
  public var parameters: Int
  /// Multiply-accumulates of one inference (the papers' "FLOPs" count MACs).
  public var macs: Int
  /// Output filters of each scored convolution, in model order.
  public var filters: [LayerFilters]

  /// Creates a cost record.
  public init(parameters: Int, macs: Int, filters: [LayerFilters]) {
    self.parameters = parameters
    self.macs = macs
    self.filters = filters
  }

  /// The cost of `model`, with filter counts of `layers` (all prunable convolutions if nil).
  public init(of model: Model, layers: [String]? = nil) {
    let names = layers ?? model.prunableConvolutions
    self.init(
      parameters: model.parameterCount, macs: model.macs,
      filters: names.compactMap { name in
        (model.layer(name) as? Conv2d).map { LayerFilters(layer: name, count: $0.outChannels) }
      })
  }

  /// Filters over all listed layers.
  public var totalFilters: Int { filters.reduce(0) { $0 + $1.count } }

  /// The filter count of one layer, if listed.
  public func filters(of layer: String) -> Int? { filters.first { $0.layer == layer }?.count }
}

/// The number of filters of one layer.
public struct LayerFilters: Sendable, Equatable, Codable {
  /// The layer's dotted path.
  public var layer: String
  /// Its output filters.
  public var count: Int

  /// Creates a count.
  public init(layer: String, count: Int) {
    self.layer = layer
    self.count = count
  }
}

extension Model {
  /// The convolutions whose filters surgery can remove (in a ResNet, the first convolution of each block).
  public var prunableConvolutions: [String] {
    prunableLayers.filter { layer($0) is Conv2d }
  }

  /// Every convolution, prunable or not, in model order.
  public var convolutions: [String] {
    allLayers.compactMap { ($0 as? Conv2d)?.path }
  }
}
