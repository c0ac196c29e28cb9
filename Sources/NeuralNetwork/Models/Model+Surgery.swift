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
  /// The other convolutions and linear layers that lost the same channels because their
  /// outputs are added to the pruned layer's (through residual sums); empty when none.
  public var coupledLayers: [String]
}

extension Model {
  /// Removes output filters of a convolution (or output features of a linear layer) and
  /// everything that consumed them.
  ///
  /// Downstream: batch-norm channels are dropped; activations, pooling and dropout pass
  /// through; the first consumer loses the matching inputs — a convolution its input
  /// channels, a linear layer after `Flatten` the block of columns each channel fed (`H*W`
  /// columns per channel). Channels that reach a residual sum are coupled to the other
  /// operand's channels: every layer producing that residual stream (the stem, each
  /// block's last convolution, projection shortcuts) loses the same channels, and so does
  /// every consumer of the stream. Zero-padded shortcuts (option A) carry a channel of one
  /// stage to a channel of the next, offset by the padding. Channels that reach the
  /// model's output, or the model's input, cannot be removed. The model is unchanged
  /// when an error is thrown.
  @discardableResult
  public func removeFilters(_ filters: [Int], from path: String) throws -> SurgeryReport {
    let target = try requireLayer(path)
    guard let count = Self.outputCount(of: target) else {
      throw ModelError(
        .surgery, "layer '\(path)' is a \(target.typeName); only Conv2d and Linear filters can be removed")
    }
    let removed = Array(Set(filters)).sorted()
    if let bad = removed.first(where: { !(0..<count).contains($0) }) {
      throw ModelError(.surgery, "layer '\(path)' has \(count) filters; there is no filter \(bad)")
    }
    let kept = (0..<count).filter { !removed.contains($0) }
    guard !kept.isEmpty else { throw ModelError(.surgery, "removing every filter of '\(path)' would cut the network") }
    let plan = try planRemoval(at: target, removing: removed)
    for step in plan.steps { try step.apply() }
    var changed = [path]
    for step in plan.steps where !changed.contains(step.layer) { changed.append(step.layer) }
    return SurgeryReport(
      layer: path, removed: removed, kept: kept, changedLayers: changed,
      coupledLayers: plan.producers.filter { $0 != path })
  }

  /// The convolutions and linear layers whose filters `removeFilters` removes without
  /// touching another producer: their channels end at consumers, not at a residual sum.
  public var prunableLayers: [String] {
    allLayers.compactMap { layer in
      guard let count = Self.outputCount(of: layer), count > 1,
        let plan = try? planRemoval(at: layer, removing: Array(0..<count), checkingWhatIsLeft: false),
        plan.producers == [layer.path]
      else { return nil }
      return layer.path
    }
  }

  /// The layers that share `path`'s output channels through residual sums (itself
  /// included), in the order found; removing a filter of one removes it from all.
  public func coupledLayers(of path: String) throws -> [String] {
    let target = try requireLayer(path)
    guard let count = Self.outputCount(of: target) else { return [path] }
    // Every channel, so a channel that only meets zero padding does not hide the coupling.
    return try planRemoval(at: target, removing: Array(0..<count), checkingWhatIsLeft: false).producers
  }

  static func outputCount(of layer: Layer) -> Int? {
    (layer as? Conv2d)?.outChannels ?? (layer as? Linear)?.outFeatures
  }

  /// One change of a surgery.
  struct SurgeryStep {
    var layer: String
    var apply: () throws -> Void
  }

  /// The output channels every producer coupled to `path` would lose if `filters` of it
  /// were removed (`path` itself included); the model is not changed. Zero-padded
  /// shortcuts shift the numbering from one stage to the next.
  public func coupledChannels(of path: String, removing filters: [Int]) throws -> [String: [Int]] {
    try planRemoval(at: try requireLayer(path), removing: Array(Set(filters)).sorted()).producerChannels
  }

  /// Everything removing `removed` outputs of `target` changes, or an error if they cannot go.
  /// Without `checkingWhatIsLeft` a plan may remove every channel somewhere: only for
  /// finding the coupled layers, never to apply.
  func planRemoval(
    at target: Layer, removing removed: [Int], checkingWhatIsLeft: Bool = true
  ) throws -> ChannelGroupPlanner {
    var planner = ChannelGroupPlanner(model: self, trace: try shapeTrace(), target: target.path)
    planner.checkingWhatIsLeft = checkingWhatIsLeft
    guard let (container, position) = planner.place(of: target) else {
      throw ModelError(.surgery, "layer '\(target.path)' is not inside a sequence")
    }
    try planner.visit(ChannelGroupPlanner.Point(container: container, index: position), removing: removed)
    try planner.drain()
    return planner
  }
}

/// Finds the coupled channels of a surgery: every point of the network that carries the
/// removed channels, and the producers, batch norms and consumers along them.
///
/// A point is the tensor after element `index` of a container (a `Sequential`, a residual
/// body, a projection shortcut); index -1 is the container's input. Visiting a point walks
/// forward to the consumers and backward to the producers; residual blocks and container
/// boundaries lead to more points, which are visited in turn with the channels mapped.
struct ChannelGroupPlanner {
  /// A sequence of layers and the layer that owns it.
  struct Container {
    let owner: Layer
    let layers: [Layer]
  }

  struct Point {
    let container: Container
    let index: Int
    var key: String { "\(ObjectIdentifier(container.owner as AnyObject).hashValue):\(index)" }
  }

  let model: Model
  let trace: [String: (input: [Int], output: [Int])]
  /// The layer being pruned, for messages.
  let target: String
  /// Whether removing every channel of a layer is an error (it is, except when only
  /// looking for the coupled layers).
  var checkingWhatIsLeft = true
  /// Each container's place in its parent: the parent and the position of the element
  /// (the `Sequential` or the residual block) it belongs to.
  var parents: [ObjectIdentifier: (Container, Int)] = [:]
  var removedAt: [String: [Int]] = [:]
  var pending: [(Point, [Int])] = []
  var steps: [Model.SurgeryStep] = []
  var producers: [String] = []
  /// The output channels each producer loses (in its own numbering).
  var producerChannels: [String: [Int]] = [:]
  private var stepKeys: Set<String> = []

  init(model: Model, trace: [String: (input: [Int], output: [Int])], target: String) {
    self.model = model
    self.trace = trace
    self.target = target
    index(Container(owner: model.root, layers: model.root.layers))
  }

  private mutating func index(_ container: Container) {
    for (position, layer) in container.layers.enumerated() {
      if let sequence = layer as? Sequential {
        let child = Container(owner: sequence, layers: sequence.layers)
        parents[ObjectIdentifier(sequence)] = (container, position)
        index(child)
      } else if let block = layer as? ResidualBlock {
        parents[ObjectIdentifier(block)] = (container, position)
        index(Container(owner: block, layers: block.body))
        if case .projection(let projection) = block.shortcut {
          parents[ObjectIdentifier(projection)] = (container, position)
          index(Container(owner: projection, layers: projection.layers))
        }
      }
    }
  }

  /// The container holding `layer` directly, and its position there.
  func place(of layer: Layer) -> (Container, Int)? {
    func search(_ container: Container) -> (Container, Int)? {
      if let i = container.layers.firstIndex(where: { $0 === layer }) { return (container, i) }
      for element in container.layers {
        if let sequence = element as? Sequential, let found = search(Container(owner: sequence, layers: sequence.layers)) {
          return found
        }
        if let block = element as? ResidualBlock {
          if let found = search(Container(owner: block, layers: block.body)) { return found }
          if case .projection(let p) = block.shortcut, let found = search(Container(owner: p, layers: p.layers)) {
            return found
          }
        }
      }
      return nil
    }
    return search(Container(owner: model.root, layers: model.root.layers))
  }

  /// Queues `point` with the channels to remove there (checked against an earlier visit).
  ///
  /// A point may be reached again with fewer channels: through a zero-padded shortcut from
  /// the previous stage, which knows nothing of the padding channels removed after it.
  mutating func visit(_ point: Point, removing removed: [Int]) throws {
    if let earlier = removedAt[point.key] {
      guard Set(removed).isSubset(of: earlier) else {
        throw ModelError(.surgery, "the channels to remove disagree where residual branches meet (\(earlier) and \(removed))")
      }
      return
    }
    removedAt[point.key] = removed
    pending.append((point, removed))
  }

  mutating func drain() throws {
    while let (point, removed) = pending.popLast() {
      guard !removed.isEmpty else { continue }
      try forward(from: point, removing: removed)
      try backward(from: point, removing: removed)
    }
  }

  /// The channel count at `point`.
  func channels(at point: Point) throws -> Int {
    let shape: [Int]?
    if point.index >= 0 {
      shape = trace[point.container.layers[point.index].path]?.output
    } else if let first = point.container.layers.first {
      shape = trace[first.path]?.input
    } else {
      shape = trace[point.container.owner.path]?.input
    }
    guard let count = shape?.first else { throw ModelError(.surgery, "no shape known at '\(point.container.owner.path)'") }
    return count
  }

  /// Adds a step unless the same change of the same layer is planned already.
  private mutating func add(_ layer: Layer, _ kind: String, _ apply: @escaping () throws -> Void) {
    guard stepKeys.insert("\(kind) \(ObjectIdentifier(layer as AnyObject).hashValue)").inserted else { return }
    steps.append(Model.SurgeryStep(layer: layer.path, apply: apply))
    if kind == "output" { producers.append(layer.path) }
  }

  private func kept(_ removed: [Int], of count: Int) throws -> [Int] {
    let kept = (0..<count).filter { !removed.contains($0) }
    guard !kept.isEmpty || !checkingWhatIsLeft else {
      throw ModelError(.surgery, "the surgery would remove every channel of a coupled layer")
    }
    return kept
  }

  /// From `point` toward the outputs: batch norms, pass-through layers, then the consumers.
  private mutating func forward(from point: Point, removing removed: [Int]) throws {
    let kept = try kept(removed, of: try channels(at: point))
    let layers = point.container.layers
    var featuresPerChannel = 1
    var flattened = false
    var position = point.index + 1
    while position < layers.count {
      let next = layers[position]
      switch next {
      case let bn as BatchNorm:
        add(bn, "bn") { try bn.keepChannels(kept) }
      case is Activation, is Pool2d, is AdaptiveAvgPool2d, is Dropout:
        break
      case let flatten as Flatten:
        featuresPerChannel = (trace[flatten.path]?.input ?? []).dropFirst().reduce(1, *)
        flattened = true
      case let conv as Conv2d:
        guard !flattened else {
          throw ModelError(.surgery, "channels reach convolution '\(conv.path)' through a flattened vector")
        }
        add(conv, "input") { try conv.keepInputChannels(kept) }
        return
      case let linear as Linear:
        let f = featuresPerChannel
        let columns = kept.flatMap { c in (c * f)..<((c + 1) * f) }
        add(linear, "input") { try linear.keepInputFeatures(columns) }
        return
      case let sequence as Sequential:
        try visit(Point(container: Container(owner: sequence, layers: sequence.layers), index: -1), removing: removed)
        return
      case let block as ResidualBlock:
        guard !flattened else { throw ModelError(.surgery, "channels reach block '\(block.path)' through a flattened vector") }
        try visit(Point(container: Container(owner: block, layers: block.body), index: -1), removing: removed)
        switch block.shortcut {
        case .identity:
          try visit(Point(container: point.container, index: position), removing: removed)
        case .padded(_, let before, _):
          try visit(Point(container: point.container, index: position), removing: removed.map { $0 + before })
        case .projection(let p):
          try visit(Point(container: Container(owner: p, layers: p.layers), index: -1), removing: removed)
        }
        return
      default:
        throw ModelError(.surgery, "channels flow into '\(next.path)' (\(next.typeName)), which surgery cannot follow")
      }
      position += 1
    }
    // The end of the container: on to the element it belongs to (a block's sum, or past a Sequential).
    guard !flattened else { throw ModelError(.surgery, "flattened channels leave '\(point.container.owner.path)'") }
    guard let (parent, at) = parents[ObjectIdentifier(point.container.owner as AnyObject)] else {
      throw ModelError(.surgery, "the channels of '\(target)' reach the model's output; they cannot be removed")
    }
    try visit(Point(container: parent, index: at), removing: removed)
  }

  /// From `point` toward the inputs: batch norms and pass-through layers, then the producer.
  private mutating func backward(from point: Point, removing removed: [Int]) throws {
    let width = try channels(at: point)
    let kept = try kept(removed, of: width)
    let layers = point.container.layers
    var position = point.index
    while position >= 0 {
      let previous = layers[position]
      switch previous {
      case let bn as BatchNorm:
        add(bn, "bn") { try bn.keepChannels(kept) }
      case is Activation, is Pool2d, is AdaptiveAvgPool2d, is Dropout:
        break
      case let conv as Conv2d:
        add(conv, "output") { try conv.keepOutputChannels(kept) }
        producerChannels[conv.path] = removed
        return
      case let linear as Linear:
        add(linear, "output") { try linear.keepOutputFeatures(kept) }
        producerChannels[linear.path] = removed
        return
      case let sequence as Sequential:
        try visit(Point(container: Container(owner: sequence, layers: sequence.layers), index: sequence.layers.count - 1), removing: removed)
        return
      case let block as ResidualBlock:
        try visit(Point(container: Container(owner: block, layers: block.body), index: block.body.count - 1), removing: removed)
        let input = Point(container: point.container, index: position - 1)
        switch block.shortcut {
        case .identity:
          try visit(input, removing: removed)
        case .padded(let stride, let before, let after):
          // Output channels [0, before) and [before + inputs, ...) are zeros: removing them
          // only narrows the padding; the others are input channels offset by `before`.
          let inputs = width - before - after
          let newBefore = before - removed.filter { $0 < before }.count
          let newAfter = after - removed.filter { $0 >= before + inputs }.count
          if newBefore != before || newAfter != after {
            add(block, "padding") { block.shortcut = .padded(stride: stride, before: newBefore, after: newAfter) }
          }
          try visit(input, removing: removed.filter { $0 >= before && $0 < before + inputs }.map { $0 - before })
        case .projection(let p):
          try visit(Point(container: Container(owner: p, layers: p.layers), index: p.layers.count - 1), removing: removed)
        }
        return
      default:
        throw ModelError(.surgery, "channels come from '\(previous.path)' (\(previous.typeName)), which surgery cannot follow")
      }
      position -= 1
    }
    // The start of the container: on to what feeds it.
    guard let (parent, at) = parents[ObjectIdentifier(point.container.owner as AnyObject)] else {
      throw ModelError(.surgery, "the channels of '\(target)' are the model's input; they cannot be removed")
    }
    try visit(Point(container: parent, index: at - 1), removing: removed)
  }
}
