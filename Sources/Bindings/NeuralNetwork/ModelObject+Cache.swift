import Kernel
import NeuralNetwork
import Tensor

extension ModelObject: CacheableObject {
  /// Training and surgery change a model in place.
  public static var changesInPlace: Bool { true }

  /// The engine's network: two wrappers around one network are one object (`ee.model`, `net`).
  /// A wrapper with forward hooks is its own object, so it never passes for a plain wrapper
  /// of the same network written first.
  public var cacheIdentity: AnyObject { hooks.isEmpty ? model : self }

  /// The network, which wrappers with and without hooks share.
  public var cacheStateOwner: AnyObject { model }

  /// The model's checkpoint (architecture as JSON, every parameter and buffer), its
  /// quantisation note and the activation quantisations its forward hooks were made from
  /// (quantiser, layers and calibrated scales, bit for bit). A model whose hooks came from
  /// elsewhere (a CorrectNet compensation's `net`) cannot be written.
  public func encode(to writer: CacheWriter) throws {
    guard let stages = activationStages else {
      throw CacheUnsupported("a model with forward hooks from \(quantization ?? "a compensation") cannot be cached")
    }
    let checkpoint = try NeuralNetworkLibrary.engine("cache") { try Checkpoint(model: model) }
    writer.string(checkpoint.architecture)
    writer.int(checkpoint.tensors.count)
    for (name, tensor) in checkpoint.tensors {
      writer.string(name)
      EngineCacheCoding.write(tensor, to: writer)
    }
    writer.optionalString(quantization)
    writer.int(stages.count)
    for stage in stages { Self.write(stage, to: writer) }
  }

  /// One activation quantisation: its quantiser, layers and scales (sorted by layer).
  static func write(_ stage: ActivationQuantization, to writer: CacheWriter) {
    let q = stage.quantizer
    writer.int(q.bits)
    switch q.granularity {
    case .perTensor: writer.int(-1)
    case .perChannel(let axis): writer.int(axis)
    }
    writer.bool(q.allowedLevels != nil)
    if let levels = q.allowedLevels { writer.ints(levels) }
    writer.strings(stage.layers)
    let paths = stage.scales.keys.sorted()
    writer.strings(paths)
    for path in paths { writer.floats(stage.scales[path]!) }
  }

  /// An activation quantisation written by ``write(_:to:)``.
  static func readStage(from reader: CacheReader) throws -> ActivationQuantization {
    let bits = try reader.int()
    let axis = try reader.int()
    let levels = try reader.bool() ? try reader.ints() : nil
    let layers = try reader.strings()
    let paths = try reader.strings()
    var scales: [String: [Float]] = [:]
    for path in paths { scales[path] = try reader.floats() }
    guard scales.count == paths.count else { throw CacheFormatError("cached activation quantisation repeats a layer") }
    do {
      let quantizer = try Quantizer(bits: bits, granularity: axis < 0 ? .perTensor : .perChannel(axis: axis), allowedLevels: levels)
      return ActivationQuantization(quantizer: quantizer, layers: layers, scales: scales)
    } catch {
      throw CacheFormatError("cached activation quantisation is invalid (\(error))")
    }
  }

  /// Whether two lists of activation quantisations are the same, scales bit for bit.
  static func sameStages(_ a: [ActivationQuantization]?, _ b: [ActivationQuantization]?) -> Bool {
    guard let a, let b, a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
      guard x.quantizer == y.quantizer, x.layers == y.layers, x.scales.keys.sorted() == y.scales.keys.sorted() else { return false }
      for (path, values) in x.scales {
        guard let other = y.scales[path], other.map(\.bitPattern) == values.map(\.bitPattern) else { return false }
      }
    }
    return true
  }

  /// Rebuilds the network from what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> ModelObject {
    let architecture = try reader.string()
    var tensors: [(name: String, tensor: Tensor)] = []
    for _ in 0..<(try reader.count(elementSize: 24)) {
      tensors.append((try reader.string(), try EngineCacheCoding.readTensor(from: reader)))
    }
    let quantization = try reader.optionalString()
    let stages = try (0..<reader.count(elementSize: 41)).map { _ in try readStage(from: reader) }
    do {
      let model = try Checkpoint(architecture: architecture, tensors: tensors).makeModel()
      let hooks = stages.reduce(into: [String: (Variable) throws -> Variable]()) { hooks, stage in hooks = stage.merged(into: hooks) }
      return ModelObject(model, hooks: hooks, quantization: quantization, activationStages: stages)
    } catch {
      throw CacheFormatError("cached model does not load (\(error))")
    }
  }

  /// The weights can be copied in when the architecture (shapes included) is the same.
  public func canRestoreState(from other: ModelObject) -> Bool {
    Self.sameStages(activationStages, other.activationStages) && other.quantization == quantization && model.name == other.model.name
      && model.inputShape == other.model.inputShape && model.architecture == other.model.architecture
  }

  /// Copies `other`'s parameters and buffers into this network's tensors, so every
  /// layer, wrapper and name holding it sees them.
  public func restoreState(from other: ModelObject) throws {
    let checkpoint = try NeuralNetworkLibrary.engine("cache") { try Checkpoint(model: other.model) }
    try NeuralNetworkLibrary.engine("cache") { try checkpoint.restore(into: model) }
  }
}
