import Kernel
import NeuralNetwork
import Tensor
import Techniques

extension ExitModelObject: CacheableObject {
  /// Training with the exit loss changes the heads (and the backbone) in place.
  static var changesInPlace: Bool { true }

  /// The engine's multi-exit model: two wrappers around one are one object.
  var cacheIdentity: AnyObject { model }

  /// The backbone, handed out by `ee.model` and trained by the exit loss.
  var cacheChildren: [LabObject] { [ModelObject(model.backbone)] }

  /// The backbone (by identity), the exits, the pool size and every head's parameters.
  func encode(to writer: CacheWriter) throws {
    try writer.object(ModelObject(model.backbone))
    writer.strings(model.exitNames)
    writer.int(model.heads.first?.poolSize ?? 1)
    writeHeads(to: writer)
  }

  private func writeHeads(to writer: CacheWriter) {
    let parameters = model.headParameters
    writer.int(parameters.count)
    for parameter in parameters { EngineCacheCoding.write(parameter.value, to: writer) }
  }

  /// Attaches the heads to the backbone read back and sets their parameters.
  static func decode(from reader: CacheReader) throws -> ExitModelObject {
    let backbone = try reader.object(as: ModelObject.self)
    let exits = try reader.strings()
    let pool = try reader.int()
    let tensors = try (0..<reader.count(elementSize: 16)).map { _ in try EngineCacheCoding.readTensor(from: reader) }
    let model: MultiExitModel
    do {
      model = try MultiExitModel(backbone: backbone.model, exits: exits, poolSize: pool)
    } catch {
      throw CacheFormatError("cached exit model does not fit its backbone (\(error))")
    }
    try set(tensors, into: model)
    return ExitModelObject(model)
  }

  private static func set(_ tensors: [Tensor], into model: MultiExitModel) throws {
    let parameters = model.headParameters
    guard parameters.count == tensors.count, zip(parameters, tensors).allSatisfy({ $0.shape == $1.shape }) else {
      throw CacheFormatError("cached exit heads do not fit their exits")
    }
    for (parameter, tensor) in zip(parameters, tensors) { parameter.value = tensor }
  }

  /// The same exits with heads of the same shapes.
  func canRestoreState(from other: ExitModelObject) -> Bool {
    model.exitNames == other.model.exitNames
      && model.headParameters.map(\.shape) == other.model.headParameters.map(\.shape)
  }

  /// Copies the heads' parameters in (the backbone is restored as a child).
  func restoreState(from other: ExitModelObject) throws {
    try Self.set(other.model.headParameters.map(\.value), into: model)
  }
}
