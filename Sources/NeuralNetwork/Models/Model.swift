import Tensor

/// A neural network: named layers from an input shape to an output, with
/// addressable layers, named tensors, hooks, summaries and surgery.
public final class Model {
  /// The model's name.
  public let name: String
  /// The shape of one example.
  public let inputShape: [Int]
  /// The top-level layers (a sequence with an empty path).
  public let root: Sequential
  private var index: [String: Layer] = [:]

  /// Builds and initialises a model from its description; the same seed gives the same weights.
  ///
  /// `checkpoint` is called before each layer is made and before it is initialised; throw from
  /// it to stop building (a time limit, Ctrl-C).
  public init(architecture: Architecture, seed: UInt64 = 0, checkpoint: (() throws -> Void)? = nil) throws {
    guard !architecture.inputShape.isEmpty, architecture.inputShape.allSatisfy({ $0 > 0 }) else {
      throw ModelError(
        .invalidArchitecture, "model '\(architecture.name)': invalid input shape \(architecture.inputShape)")
    }
    self.name = architecture.name
    self.inputShape = architecture.inputShape
    self.root = Sequential(
      name: "",
      layers: try architecture.layers.map { layer in
        try checkpoint?()
        return try layer.makeLayer()
      })
    root.path = ""
    try assignPaths(root.layers, prefix: "")
    _ = try shapeTrace()
    var generator = SeededGenerator(seed: seed)
    for (i, layer) in allLayers.enumerated() {
      // Each layer draws from its own stream, so adding a layer does not shift the others' weights.
      var layerGenerator = SeededGenerator(seed: generator.next() ^ UInt64(i))
      try checkpoint?()
      layer.initialize(generator: &layerGenerator)
    }
  }

  private func assignPaths(_ layers: [Layer], prefix: String) throws {
    for layer in layers {
      let path = prefix.isEmpty ? layer.name : prefix + "." + layer.name
      guard !layer.name.isEmpty, !layer.name.contains(".") else {
        throw ModelError(.invalidArchitecture, "layer name '\(layer.name)' must be non-empty and without dots")
      }
      guard index[path] == nil else { throw ModelError(.invalidArchitecture, "two layers are named '\(path)'") }
      layer.path = path
      index[path] = layer
      try assignPaths(layer.children, prefix: path)
    }
  }

  /// The description that rebuilds this model in its current (possibly pruned) form.
  public var architecture: Architecture {
    Architecture(name: name, inputShape: inputShape, layers: root.layers.map(\.spec))
  }

  /// Every layer, depth first, parents before children.
  public var allLayers: [Layer] { root.layers.flatMap(\.allLayers) }

  /// The layer with the given dotted path (`conv3`, `stage2.block1.conv1`), if any.
  public func layer(_ path: String) -> Layer? { index[path] }

  /// The layer with the given path, or an error that suggests the existing names.
  public func requireLayer(_ path: String) throws -> Layer {
    guard let layer = index[path] else {
      let names = allLayers.map(\.path).prefix(12).joined(separator: ", ")
      throw ModelError(.unknownName, "model '\(name)' has no layer '\(path)' (layers: \(names)...)")
    }
    return layer
  }

  /// The per-example output shape.
  public var outputShape: [Int] { (try? root.outputShape(for: inputShape)) ?? [] }

  /// The input and output shape of every layer (per example), by path.
  func shapeTrace() throws -> [String: (input: [Int], output: [Int])] {
    var trace: [String: (input: [Int], output: [Int])] = [:]
    func walk(_ layers: [Layer], _ input: [Int]) throws -> [Int] {
      var shape = input
      for layer in layers {
        let out = try layer.outputShape(for: shape)
        trace[layer.path] = (shape, out)
        if let block = layer as? ResidualBlock {
          _ = try walk(block.body, shape)
          if case .projection(let p) = block.shortcut {
            trace[p.path] = (shape, try p.outputShape(for: shape))
            _ = try walk(p.layers, shape)
          }
        } else if let seq = layer as? Sequential {
          _ = try walk(seq.layers, shape)
        }
        shape = out
      }
      return shape
    }
    _ = try walk(root.layers, inputShape)
    return trace
  }

  /// Checks a batch against the input shape; examples of the right size pass a leading `Flatten`.
  func checkInput(_ shape: [Int]) throws -> [Int]? {
    guard shape.count == inputShape.count + 1 || root.layers.first is Flatten else {
      throw ModelError(.shapeMismatch, "model '\(name)' expects a batch of \(inputShape), got \(shape)")
    }
    let example = Array(shape.dropFirst())
    if example == inputShape { return nil }
    if root.layers.first is Flatten, example.reduce(1, *) == inputShape.reduce(1, *) {
      return [shape.first ?? 0] + inputShape
    }
    throw ModelError(.shapeMismatch, "model '\(name)' expects a batch of \(inputShape), got \(shape)")
  }

  /// Runs the model on a batch `[N] + inputShape` in the context's mode, with its hooks and taps.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    var input = x
    if let reshaped = try checkInput(x.shape) { input = try x.reshaped(to: reshaped) }
    return try root.forward(input, context: context)
  }

  /// Runs the model on a batch in evaluation mode without a tape: the outputs (logits).
  public func callAsFunction(_ x: Tensor) throws -> Tensor {
    try forward(Variable(x), context: ForwardContext(training: false)).value
  }
}
