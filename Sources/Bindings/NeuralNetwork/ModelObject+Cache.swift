import Kernel
import NeuralNetwork
import Tensor

extension ModelObject: CacheableObject {
  /// Training and surgery change a model in place.
  public static var changesInPlace: Bool { true }

  /// The engine's network: two wrappers around one network are one object (`ee.model`, `net`).
  /// A wrapper with forward hooks is its own object, so it never passes for a plain wrapper
  /// of the same network written first (and it cannot be written).
  public var cacheIdentity: AnyObject { hooks.isEmpty ? model : self }

  /// The model's checkpoint (architecture as JSON, every parameter and buffer) and its
  /// quantisation note. A model with fake-quantised activations (forward hooks, which are
  /// code) cannot be written.
  public func encode(to writer: CacheWriter) throws {
    guard hooks.isEmpty else {
      throw CacheUnsupported("a model with fake-quantised activations cannot be cached")
    }
    let checkpoint = try NeuralNetworkLibrary.engine("cache") { try Checkpoint(model: model) }
    writer.string(checkpoint.architecture)
    writer.int(checkpoint.tensors.count)
    for (name, tensor) in checkpoint.tensors {
      writer.string(name)
      EngineCacheCoding.write(tensor, to: writer)
    }
    writer.optionalString(quantization)
  }

  /// Rebuilds the network from what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> ModelObject {
    let architecture = try reader.string()
    var tensors: [(name: String, tensor: Tensor)] = []
    for _ in 0..<(try reader.count(elementSize: 24)) {
      tensors.append((try reader.string(), try EngineCacheCoding.readTensor(from: reader)))
    }
    let quantization = try reader.optionalString()
    do {
      let model = try Checkpoint(architecture: architecture, tensors: tensors).makeModel()
      return ModelObject(model, quantization: quantization)
    } catch {
      throw CacheFormatError("cached model does not load (\(error))")
    }
  }

  /// The weights can be copied in when the architecture (shapes included) is the same.
  public func canRestoreState(from other: ModelObject) -> Bool {
    hooks.isEmpty && other.quantization == quantization && model.name == other.model.name
      && model.inputShape == other.model.inputShape && model.architecture == other.model.architecture
  }

  /// Copies `other`'s parameters and buffers into this network's tensors, so every
  /// layer, wrapper and name holding it sees them.
  public func restoreState(from other: ModelObject) throws {
    let checkpoint = try NeuralNetworkLibrary.engine("cache") { try Checkpoint(model: other.model) }
    try NeuralNetworkLibrary.engine("cache") { try checkpoint.restore(into: model) }
  }
}
