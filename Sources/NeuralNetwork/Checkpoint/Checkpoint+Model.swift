import Tensor

extension Checkpoint {
  /// A checkpoint of `model`: its current architecture (pruned shapes included) and every parameter and buffer.
  public init(model: Model) throws {
    try self.init(encoding: model.architecture, tensors: model.namedTensors)
  }

  /// The model this checkpoint describes, rebuilt from its architecture with the stored tensors loaded.
  public func makeModel() throws -> Model {
    let architecture = try decodeArchitecture(as: Architecture.self)
    let model: Model
    do {
      model = try Model(architecture: architecture)
    } catch {
      throw CheckpointError(.mismatch, message: "checkpoint: its architecture does not build a model (\(error))")
    }
    try restore(into: model)
    return model
  }

  /// Loads the stored tensors into `model`, which must have exactly these names and shapes.
  public func restore(into model: Model) throws {
    let expected = model.namedTensors
    let stored = Dictionary(tensors.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
    let known = Set(expected.map(\.name))
    if let extra = names.first(where: { !known.contains($0) }) {
      throw CheckpointError(
        .mismatch, message: "checkpoint: tensor '\(extra)' is not part of model '\(model.name)'")
    }
    // Check everything before changing anything, so a failed restore leaves the model as it was.
    for (name, current) in expected {
      guard let tensor = stored[name] else {
        throw CheckpointError(.mismatch, message: "checkpoint: model '\(model.name)' needs tensor '\(name)', the checkpoint has none")
      }
      guard tensor.shape == current.shape else {
        throw CheckpointError(
          .mismatch,
          message: "checkpoint: tensor '\(name)' has shape \(tensor.shape), model '\(model.name)' needs \(current.shape)")
      }
    }
    try model.setTensors(expected.compactMap { name, _ in stored[name].map { (name, $0) } })
  }
}
