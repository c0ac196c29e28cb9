import Tensor

/// What a surgery changed.
public struct SurgeryReport: Equatable, Sendable {
  /// The layer whose filters (or output features) were removed.
  public var layer: String
  /// The removed filter indices (in the numbering before surgery), ascending.
  public var removed: [Int]
  /// The kept filter indices (in the numbering before surgery), ascending.
  public var kept: [Int]
  /// Every layer whose tensors changed, the pruned one first.
  public var changedLayers: [String]
}

extension Model {
  /// Removes output filters of a convolution (or output features of a linear layer) and
  /// everything that consumed them.
  ///
  /// Downstream, in the same sequence: batch-norm channels are dropped,
  /// activations, pooling and dropout pass through, and the first consumer
  /// loses the matching inputs — a convolution its input channels, a linear
  /// layer after `Flatten` the block of columns each channel fed (`H*W`
  /// columns per channel). Channels that leave their sequence are coupled to
  /// something else: the model's output, or a residual sum whose other operand
  /// has the same channels. Those are refused. For the ResNets this means the
  /// rule "prune the inner convolution of each block" (`stage2.block3.conv1`):
  /// the stem, each block's second convolution and projection shortcuts feed
  /// residual sums. The model is unchanged when an error is thrown.
  @discardableResult
  public func removeFilters(_ filters: [Int], from path: String) throws -> SurgeryReport {
    let target = try requireLayer(path)
    let count: Int
    if let conv = target as? Conv2d {
      count = conv.outChannels
    } else if let linear = target as? Linear {
      count = linear.outFeatures
    } else {
      throw ModelError(
        .surgery, "layer '\(path)' is a \(target.typeName); only Conv2d and Linear filters can be removed")
    }
    let removed = Array(Set(filters)).sorted()
    if let bad = removed.first(where: { !(0..<count).contains($0) }) {
      throw ModelError(.surgery, "layer '\(path)' has \(count) filters; there is no filter \(bad)")
    }
    let kept = (0..<count).filter { !removed.contains($0) }
    guard !kept.isEmpty else { throw ModelError(.surgery, "removing every filter of '\(path)' would cut the network") }
    let steps = try planRemoval(at: target, keeping: kept)
    for step in steps { try step.apply() }
    return SurgeryReport(layer: path, removed: removed, kept: kept, changedLayers: steps.map(\.layer))
  }

  /// The convolutions and linear layers whose filters `removeFilters` accepts.
  public var prunableLayers: [String] {
    allLayers.compactMap { layer in
      let count = (layer as? Conv2d)?.outChannels ?? (layer as? Linear)?.outFeatures
      guard let count, (try? planRemoval(at: layer, keeping: Array(0..<count))) != nil else { return nil }
      return layer.path
    }
  }

  /// One change of a surgery.
  struct SurgeryStep {
    var layer: String
    var apply: () throws -> Void
  }

  /// The changes that remove all but `kept` outputs of `target`, or an error if they are coupled.
  func planRemoval(at target: Layer, keeping kept: [Int]) throws -> [SurgeryStep] {
    guard let (sequence, position) = container(of: target) else {
      throw ModelError(.surgery, "layer '\(target.path)' is not inside a sequence")
    }
    let trace = try shapeTrace()
    var steps = [SurgeryStep]()
    if let conv = target as? Conv2d {
      steps.append(SurgeryStep(layer: conv.path) { try conv.keepOutputChannels(kept) })
    } else if let linear = target as? Linear {
      steps.append(SurgeryStep(layer: linear.path) { try linear.keepOutputFeatures(kept) })
    }
    var featuresPerChannel = 1
    var flattened = false
    for next in sequence[(position + 1)...] {
      switch next {
      case let bn as BatchNorm:
        steps.append(SurgeryStep(layer: bn.path) { try bn.keepChannels(kept) })
      case is Activation, is Pool2d, is AdaptiveAvgPool2d, is Dropout:
        continue
      case let flatten as Flatten:
        let input = trace[flatten.path]?.input ?? []
        featuresPerChannel = input.dropFirst().reduce(1, *)
        flattened = true
      case let conv as Conv2d:
        guard !flattened, target is Conv2d else {
          throw ModelError(.surgery, "'\(target.path)' feeds convolution '\(conv.path)' through a flattened vector")
        }
        steps.append(SurgeryStep(layer: conv.path) { try conv.keepInputChannels(kept) })
        return steps
      case let linear as Linear:
        guard flattened || target is Linear else {
          throw ModelError(.surgery, "'\(target.path)' feeds linear layer '\(linear.path)' without a Flatten")
        }
        let f = featuresPerChannel
        let columns = kept.flatMap { c in (c * f)..<((c + 1) * f) }
        steps.append(SurgeryStep(layer: linear.path) { try linear.keepInputFeatures(columns) })
        return steps
      default:
        throw ModelError(
          .surgery,
          "the channels of '\(target.path)' flow into '\(next.path)' (\(next.typeName)), where they are coupled to other channels"
        )
      }
    }
    throw ModelError(
      .surgery,
      "the channels of '\(target.path)' leave their sequence (the model's output or a residual sum) and are coupled; "
        + "in a ResNet prune the inner convolution of a block")
  }

  /// The sequence (a `Sequential`'s layers or a residual body) holding `layer`, and its position.
  func container(of layer: Layer) -> ([Layer], Int)? {
    var lists: [[Layer]] = [root.layers]
    for l in allLayers {
      if let seq = l as? Sequential { lists.append(seq.layers) }
      if let block = l as? ResidualBlock { lists.append(block.body) }
    }
    for list in lists {
      if let i = list.firstIndex(where: { $0 === layer }) { return (list, i) }
    }
    return nil
  }
}
