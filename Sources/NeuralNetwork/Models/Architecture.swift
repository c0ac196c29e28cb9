/// A Codable description of a model: its name, per-example input shape and layers.
///
/// Together with the named tensors it is everything a checkpoint needs;
/// `Model(architecture:)` rebuilds the network.
public struct Architecture: Codable, Equatable, Sendable {
  /// The model's name (`lenet5`).
  public var name: String
  /// The shape of one example (`[1, 28, 28]`).
  public var inputShape: [Int]
  /// The top-level layers, in order.
  public var layers: [LayerSpec]

  /// Creates a description.
  public init(name: String, inputShape: [Int], layers: [LayerSpec]) {
    self.name = name
    self.inputShape = inputShape
    self.layers = layers
  }
}
