import NeuralNetwork
import Tensor

/// A backbone cut at its exits: the layers between two exits run as one segment, so the samples
/// that stop at an exit can leave the batch before the next segment runs.
///
/// Sequences are opened (an exit may sit on `stage2` or on `stage2.block3`); a residual block
/// runs whole, so an exit inside one is refused.
struct ExitPlan {
  /// `segments[i]` runs before exit `i` (0-based); the last segment runs after the last exit.
  var segments: [[Layer]]
  /// Multiply-accumulates per example of each segment.
  var segmentMACs: [Int]
  /// The per-example output shape at each exit.
  var exitShapes: [[Int]]
  /// The exits' layer paths, in execution order.
  var exitPaths: [String]

  /// Cuts `model` after the layers `exits` (in any order; they are sorted by position).
  init(model: Model, exits: [String]) throws {
    var steps: [Layer] = []
    var ends: [String: Int] = [:]
    var inside: [String: String] = [:]
    func open(_ layers: [Layer]) {
      for layer in layers {
        if let sequence = layer as? Sequential {
          open(sequence.layers)
        } else {
          steps.append(layer)
          for child in layer.children.flatMap(\.allLayers) { inside[child.path] = layer.path }
        }
        ends[layer.path] = steps.count
      }
    }
    open(model.root.layers)
    let order = model.allLayers.map(\.path).filter { ends[$0] != nil }
    var positions: [(path: String, end: Int)] = []
    for path in exits {
      guard let end = ends[path] else {
        if let block = inside[path] {
          throw EarlyExitError(
            .unsupportedPosition,
            "layer '\(path)' is inside residual block '\(block)', which runs whole; put the exit on '\(block)'")
        }
        throw EarlyExitError(
          .unknownLayer, "model '\(model.name)' has no layer '\(path)'", name: path, candidates: order)
      }
      if let same = positions.first(where: { $0.end == end }) {
        throw EarlyExitError(
          .unsupportedPosition, "exits '\(same.path)' and '\(path)' sit on the same point of '\(model.name)'")
      }
      positions.append((path, end))
    }
    positions.sort { $0.end < $1.end }

    var shapes: [[Int]] = []
    var macs: [Int] = []
    var shape = model.inputShape
    for layer in steps {
      macs.append(Self.macs(of: layer, input: shape))
      shape = try layer.outputShape(for: shape)
      shapes.append(shape)
    }
    var cuts = [0]
    for (path, end) in positions {
      let out = shapes[end - 1]
      guard out.count == 3 else {
        throw EarlyExitError(
          .notAFeatureMap,
          "layer '\(path)' gives \(out), not a feature map [channels, height, width]; an exit head pools a feature map")
      }
      guard end < steps.count else {
        throw EarlyExitError(.unsupportedPosition, "layer '\(path)' is the model's last layer; nothing is left to save")
      }
      cuts.append(end)
    }
    cuts.append(steps.count)
    segments = (0..<(cuts.count - 1)).map { Array(steps[cuts[$0]..<cuts[$0 + 1]]) }
    segmentMACs = (0..<(cuts.count - 1)).map { macs[cuts[$0]..<cuts[$0 + 1]].reduce(0, +) }
    exitShapes = positions.map { shapes[$0.end - 1] }
    exitPaths = positions.map(\.path)
  }

  /// The multiply-accumulates of a layer and everything inside it, for an input shape.
  static func macs(of layer: Layer, input: [Int]) -> Int {
    if let sequence = layer as? Sequential {
      var shape = input
      var total = 0
      for child in sequence.layers {
        total += macs(of: child, input: shape)
        shape = (try? child.outputShape(for: shape)) ?? shape
      }
      return total
    }
    if let block = layer as? ResidualBlock {
      var shape = input
      var total = 0
      for child in block.body {
        total += macs(of: child, input: shape)
        shape = (try? child.outputShape(for: shape)) ?? shape
      }
      if case .projection(let projection) = block.shortcut { total += macs(of: projection, input: input) }
      return total
    }
    return layer.macs(for: input)
  }
}
