import Tensor

extension Model {
  /// Trainable tensors by dotted name (`conv1.weight`), in a stable order.
  public var namedParameters: [(name: String, parameter: Parameter)] {
    allLayers.flatMap { layer in layer.ownParameters.map { (layer.path + "." + $0.name, $0.parameter) } }
  }

  /// Non-trainable state by dotted name (`bn1.running_mean`), in a stable order.
  public var namedBuffers: [(name: String, parameter: Parameter)] {
    allLayers.flatMap { layer in layer.ownBuffers.map { (layer.path + "." + $0.name, $0.parameter) } }
  }

  /// Every tensor of the model by name: parameters, then buffers.
  public var namedTensors: [(name: String, tensor: Tensor)] {
    (namedParameters + namedBuffers).map { ($0.name, $0.parameter.value) }
  }

  /// The trainable parameters.
  public var parameters: [Parameter] { namedParameters.map(\.parameter) }

  /// The number of trainable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

  /// Replaces the tensor of a parameter or buffer; its shape must not change.
  public func setTensor(named name: String, to tensor: Tensor) throws {
    guard let target = (namedParameters + namedBuffers).first(where: { $0.name == name })?.parameter else {
      throw ModelError(.unknownName, "model '\(self.name)' has no tensor '\(name)'")
    }
    guard target.value.shape == tensor.shape else {
      throw ModelError(
        .shapeMismatch, "tensor '\(name)' of model '\(self.name)' has shape \(target.value.shape), not \(tensor.shape)")
    }
    target.value = tensor
  }

  /// Replaces the tensors of several parameters and buffers at once (one lookup table, not one
  /// search per name); every name must exist and keep its shape, else nothing changes.
  public func setTensors(_ tensors: [(name: String, tensor: Tensor)]) throws {
    var targets: [String: Parameter] = [:]
    for (name, parameter) in namedParameters + namedBuffers where targets[name] == nil { targets[name] = parameter }
    var changes: [(Parameter, Tensor)] = []
    for (name, tensor) in tensors {
      guard let target = targets[name] else { throw ModelError(.unknownName, "model '\(self.name)' has no tensor '\(name)'") }
      guard target.value.shape == tensor.shape else {
        throw ModelError(
          .shapeMismatch, "tensor '\(name)' of model '\(self.name)' has shape \(target.value.shape), not \(tensor.shape)")
      }
      changes.append((target, tensor))
    }
    for (target, tensor) in changes { target.value = tensor }
  }

  /// Clears every parameter's gradient.
  public func clearGradients() {
    for p in parameters { p.gradient = nil }
  }

  /// An independent copy with the same architecture and tensors.
  public func copy() throws -> Model {
    let other = try Model(architecture: architecture)
    try other.setTensors(namedTensors)
    return other
  }
}
