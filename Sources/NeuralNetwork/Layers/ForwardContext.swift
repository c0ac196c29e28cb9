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
    var y = try layerOverrides[layer.path].map { try $0(input) } ?? layer.forward(input, context: self)
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
