import Tensor

/// The state of one forward pass: mode, tape, randomness, hooks and tapped activations.
///
/// Hooks and taps are keyed by layer path. A hook sees a layer's output and
/// returns what flows on (return it unchanged to only observe; return a
/// corrected map to compensate; compute an extra head from it for an early
/// exit). `activations` holds the outputs of the tapped layers after hooks.
public final class ForwardContext {
  /// Training mode: batch statistics in batch norm, dropout active.
  public let isTraining: Bool
  /// The tape parameters are read through, or nil for inference without gradients.
  public let tape: Tape?
  /// The random stream of dropout.
  public var generator: SeededGenerator
  /// Functions applied to the outputs of the named layers.
  public var hooks: [String: (Variable) throws -> Variable] = [:]
  /// Functions that replace the named layers' own computation (a layer mapped onto other
  /// hardware, for example); the layer's hook and tap still apply to what they return.
  public var layerOverrides: [String: (Variable) throws -> Variable] = [:]
  /// Names of layers whose outputs are kept in `activations`.
  public var taps: Set<String> = []
  /// Outputs of the tapped layers during this pass.
  public internal(set) var activations: [String: Variable] = [:]
  /// Names of ReLU layers whose output's plane means (global average pooling, `[N, C, 1, 1]`)
  /// are wanted: in evaluation, a batch norm + ReLU pass that ends at one of them computes the
  /// means as it writes (an exit head then need not read the feature map again).
  public var planeMeanTaps: Set<String> = []
  /// The plane means of the `planeMeanTaps` layers computed in this pass, by layer; a reader takes
  /// them with `takePlaneMeans(of:)`. A layer missing here was not reached by a fused pass.
  public private(set) var planeMeans: [String: Tensor] = [:]
  /// Whether a batch norm followed by a ReLU runs as one fused operation when nobody hooks,
  /// taps or overrides the batch norm's output (same results, one pass and one tensor fewer);
  /// in a pass without a tape, a convolution before the batch norm joins it, applying it to each
  /// output plane as it writes the plane (same results, bit for bit, and no pass over the output).
  public var fusesBatchNormReLU = true
  /// Whether updates of running statistics wait for `commitBufferUpdates()` (the trainer commits after a finite step).
  public var defersBufferUpdates = false
  var pendingBufferUpdates: [() -> Void] = []

  /// Creates a context; `seed` fixes the dropout masks.
  public init(training: Bool = false, tape: Tape? = nil, seed: UInt64 = 0) {
    self.isTraining = training
    self.tape = tape
    self.generator = SeededGenerator(seed: seed)
  }

  /// The variable for a parameter: on the tape if there is one, else a constant.
  public func variable(for parameter: Parameter) -> Variable {
    tape?.parameter(parameter) ?? Variable(parameter.value)
  }

  /// Runs a layer (or its override) and applies its hook and tap.
  public func output(of layer: Layer, input: Variable) throws -> Variable {
    try finish(layer, layerOverrides[layer.path].map { try $0(input) } ?? layer.forward(input, context: self))
  }

  /// Runs layers in order, each through `output(of:input:)`, fusing batch norm with a following
  /// ReLU and, without a tape, with the convolution before it.
  public func run(_ layers: [Layer], input: Variable) throws -> Variable {
    var y = input
    var i = 0
    while i < layers.count {
      if let fused = try convolutionWithBatchNorm(layers, at: i, input: y) {
        (y, i) = fused
        continue
      }
      if fusesBatchNormReLU, i + 1 < layers.count, let bn = layers[i] as? BatchNorm,
        let relu = layers[i + 1] as? Activation, relu.function == .relu, !isObserved(bn.path),
        layerOverrides[relu.path] == nil
      {
        if !isTraining, planeMeanTaps.contains(relu.path), y.shape.count == 4 {
          let (output, means) = try bn.forwardWithPlaneMeans(y, context: self)
          planeMeans[relu.path] = means
          y = try finish(relu, output)
        } else {
          y = try finish(relu, bn.forward(y, context: self, fusingReLU: true))
        }
        i += 2
        continue
      }
      y = try output(of: layers[i], input: y)
      i += 1
    }
    return y
  }

  /// A convolution, the batch norm after it and the ReLU after that if there is one, as one
  /// operation (`Conv2d.forward(_:then:planeMeans:)`), when they start at `layers[i]`, the pass
  /// is in evaluation and records nothing for gradients (no tape, an input on none), and nobody
  /// hooks, taps or overrides the convolution's or the batch norm's output: the output and the
  /// index of the next layer; nil otherwise.
  func convolutionWithBatchNorm(_ layers: [Layer], at i: Int, input: Variable) throws -> (Variable, Int)? {
    guard fusesBatchNormReLU, !isTraining, tape == nil, !input.isTracked, input.shape.count == 4,
      i + 1 < layers.count, let conv = layers[i] as? Conv2d, let bn = layers[i + 1] as? BatchNorm,
      !isObserved(conv.path), !isObserved(bn.path)
    else { return nil }
    var relu: Activation?
    if i + 2 < layers.count, let next = layers[i + 2] as? Activation, next.function == .relu,
      layerOverrides[next.path] == nil
    {
      relu = next
    }
    let wantsMeans = relu.map { planeMeanTaps.contains($0.path) } ?? false
    let (output, means) = try conv.forward(input, then: bn.evaluationAffine(relu: relu != nil), planeMeans: wantsMeans)
    guard let relu else { return (output, i + 2) }
    if let means { planeMeans[relu.path] = means }
    return (try finish(relu, output), i + 3)
  }

  /// The plane means of layer `path` from this pass's fused batch norm + ReLU, removed so that a
  /// later batch cannot read them; nil when none were computed (or a hook changed the output).
  public func takePlaneMeans(of path: String) -> Tensor? {
    guard hooks[path] == nil else { return nil }
    return planeMeans.removeValue(forKey: path)
  }

  /// Whether a hook, tap or override wants the output of the layer at `path`.
  func isObserved(_ path: String) -> Bool {
    hooks[path] != nil || taps.contains(path) || layerOverrides[path] != nil
  }

  /// Applies a layer's hook and tap to its output.
  func finish(_ layer: Layer, _ output: Variable) throws -> Variable {
    var y = output
    if let hook = hooks[layer.path] { y = try hook(y) }
    if taps.contains(layer.path) { activations[layer.path] = y }
    return y
  }

  /// Applies (or queues, when deferring) an update of non-trainable state.
  func updateBuffers(_ update: @escaping () -> Void) {
    if defersBufferUpdates { pendingBufferUpdates.append(update) } else { update() }
  }

  /// Applies the queued updates of running statistics.
  public func commitBufferUpdates() {
    for update in pendingBufferUpdates { update() }
    pendingBufferUpdates.removeAll()
  }

  /// Drops the queued updates of running statistics.
  public func discardBufferUpdates() {
    pendingBufferUpdates.removeAll()
  }
}
