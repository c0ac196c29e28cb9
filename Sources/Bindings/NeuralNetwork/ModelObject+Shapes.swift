import Kernel
import NeuralNetwork
import Tensor

/// Per-example input and output shapes of every layer, by path, and whether data fits a model.
extension Model {
  /// The input and output shape of every layer (containers included), walking the model as it runs.
  ///
  /// The engine keeps its own trace internal; this one only reads public layer API. Layers after a
  /// shape error are missing (a built model has none).
  func layerShapes() -> [String: (input: [Int], output: [Int])] {
    var trace: [String: (input: [Int], output: [Int])] = [:]
    func walk(_ layers: [Layer], _ input: [Int]) -> [Int]? {
      var shape = input
      for layer in layers {
        guard let output = try? layer.outputShape(for: shape) else { return nil }
        trace[layer.path] = (shape, output)
        if let block = layer as? ResidualBlock {
          _ = walk(block.body, shape)
          if case .projection(let projection) = block.shortcut {
            trace[projection.path] = (shape, (try? projection.outputShape(for: shape)) ?? [])
            _ = walk(projection.layers, shape)
          }
        } else if let sequence = layer as? Sequential {
          _ = walk(sequence.layers, shape)
        }
        shape = output
      }
      return shape
    }
    _ = walk(root.layers, inputShape)
    return trace
  }

  /// Whether examples of `shape` can be fed to the model: the same shape, or the same number of
  /// values when the model starts by flattening (an MLP takes 28x28 images as 784 values).
  func accepts(exampleShape shape: [Int]) -> Bool {
    if shape == inputShape { return true }
    return root.layers.first is Flatten && shape.reduce(1, *) == inputShape.reduce(1, *)
  }

  /// The number of outputs per example (the classes a classifier tells apart), when the output is a vector.
  var outputCount: Int? {
    let shape = outputShape
    return shape.count == 1 ? shape[0] : nil
  }
}

extension Model {
  /// Values one example's activations take: every layer's output, containers included (an
  /// over-estimate by at most the containers' outputs).
  var activationScalarsPerExample: Int {
    .saturatingSum(layerShapes().values.map { $0.output.reduce(1) { Int.saturatingProduct($0, $1) } })
  }
}

extension NeuralNetworkLibrary {
  /// Checks that a batch of `batch` examples (at most `examples`) fits the memory budget: 4-byte
  /// activations kept for the backward pass with their gradients and a working copy when
  /// training (12 bytes a value), an input and an output alive at once otherwise (8 bytes).
  static func reserveBatch(
    _ batch: Int, of model: Model, examples: Int, training: Bool, _ context: Context, function: String
  ) throws {
    let count = Swift.min(batch, Swift.max(examples, 1))
    let perExample = model.activationScalarsPerExample
    try context.reserve(
      bytes: .saturatingProduct(count, perExample, training ? 12 : 8),
      for: "\(function)(): a batch of \(grouped(count)) examples through \(model.name) (\(grouped(perExample)) activations each)")
  }

  /// The same for several models trained or run at once (side by side): their batches together.
  static func reserveBatch(
    _ batch: Int, of models: [Model], examples: Int, training: Bool, _ context: Context, function: String
  ) throws {
    guard models.count > 1 else {
      for model in models { try reserveBatch(batch, of: model, examples: examples, training: training, context, function: function) }
      return
    }
    let count = Swift.min(batch, Swift.max(examples, 1))
    let perExample = models.map(\.activationScalarsPerExample).reduce(0, +)
    try context.reserve(
      bytes: .saturatingProduct(count, perExample, training ? 12 : 8),
      for: "\(function)(): a batch of \(grouped(count)) examples through each of \(models.map(\.name).joined(separator: ", ")) side by side (\(grouped(perExample)) activations each, together)")
  }
}
