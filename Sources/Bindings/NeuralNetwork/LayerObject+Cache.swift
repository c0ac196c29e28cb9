import Kernel
import NeuralNetwork

extension LayerObject: CacheableObject {
  /// The model the layer belongs to: training it changes what the layer shows, and the cache
  /// restores the model (the layer is a view of it).
  public var cacheChildren: [LabObject] { [owner ?? ModelObject(model)] }

  /// The model (by identity, so the layer stays a view of the same network) and the layer's path.
  public func encode(to writer: CacheWriter) throws {
    try writer.object(owner ?? ModelObject(model))
    writer.string(layer.path)
  }

  /// Reads what ``encode(to:)`` wrote: the layer at the path in the model read back.
  public static func decode(from reader: CacheReader) throws -> LayerObject {
    let net = try reader.object(as: ModelObject.self)
    let path = try reader.string()
    guard let layer = net.model.layer(path) else { throw CacheFormatError("cached layer '\(path)' is not in its model") }
    return LayerObject(layer, in: net.model, owner: net)
  }
}
