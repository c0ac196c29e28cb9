import Tensor

/// Layers applied one after another.
public final class Sequential: Layer {
  /// The layer's name.
  public let name: String
  /// The full dotted name in the model (empty for a model's root).
  public var path: String
  /// The layers, in order.
  public internal(set) var layers: [Layer]

  /// Creates the sequence.
  public init(name: String, layers: [Layer]) {
    self.name = name
    self.path = name
    self.layers = layers
  }

  /// "Sequential".
  public var typeName: String { "Sequential" }

  /// The description with every layer's.
  public var spec: LayerSpec { .sequential(name: name, layers: layers.map(\.spec)) }

  /// The layers.
  public var children: [Layer] { layers }

  /// The shape after every layer.
  public func outputShape(for input: [Int]) throws -> [Int] {
    try layers.reduce(input) { try $1.outputShape(for: $0) }
  }

  /// Applies the layers in order, with their hooks and taps.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    try context.run(layers, input: x)
  }
}
