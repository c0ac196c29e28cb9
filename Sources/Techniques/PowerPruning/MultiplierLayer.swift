import NeuralNetwork

/// A convolution or linear layer of a network, and the tensor that feeds its multipliers.
///
/// On an accelerator the integer activations a layer's MACs see are the quantised output of
/// the layer before it. `source` names that layer: the innermost layer whose output is the
/// tensor (a ReLU, a pool, a flatten, a residual block), or `nil` for the network's input.
/// Hooks on the sources quantise every multiplier's input exactly once.
public struct MultiplierLayer: Sendable, Equatable {
  /// The layer's dotted path (`conv1`, `stage2.block1.conv2`, `fc`).
  public var path: String
  /// The path of the layer whose output feeds it, or nil for the network's input.
  public var source: String?

  /// Every convolution and linear layer of `model`, in the order they run, with its source.
  public static func all(in model: Model) -> [MultiplierLayer] {
    var result: [MultiplierLayer] = []
    _ = walk(model.root.layers, input: nil, into: &result)
    return result
  }

  /// The distinct sources (nil, the input, left out), in order of first use.
  public static func sources(of layers: [MultiplierLayer]) -> [String] {
    var seen = Set<String>()
    return layers.compactMap { layer in
      guard let source = layer.source, seen.insert(source).inserted else { return nil }
      return source
    }
  }

  /// Records the multiplier layers of `layers` fed from `input`; returns the path whose output
  /// leaves the list.
  private static func walk(_ layers: [Layer], input: String?, into result: inout [MultiplierLayer]) -> String? {
    var current = input
    for layer in layers {
      switch layer {
      case is Conv2d, is Linear:
        result.append(MultiplierLayer(path: layer.path, source: current))
        current = layer.path
      case let sequence as Sequential:
        // The sequence's output is its last layer's: naming the inner one keeps one hook per tensor.
        current = walk(sequence.layers, input: current, into: &result)
      case let block as ResidualBlock:
        _ = walk(block.body, input: current, into: &result)
        if case .projection(let projection) = block.shortcut { _ = walk(projection.layers, input: current, into: &result) }
        current = block.path
      default:
        current = layer.path
      }
    }
    return current
  }
}
