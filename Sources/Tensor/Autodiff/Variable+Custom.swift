extension Variable {
  /// An operation defined by the caller: a forward function of whole tensors and its backward rule.
  ///
  /// `backward(outputGradient, inputs, output)` returns one gradient per input
  /// (nil for none), each of its input's shape. Straight-through estimators
  /// return the output gradient unchanged. The forward may throw; the backward
  /// must not fail (its shapes are checked as an invariant).
  public static func custom(
    _ inputs: [Variable], forward: ([Tensor]) throws -> Tensor,
    backward: @escaping (_ outputGradient: Tensor, _ inputs: [Tensor], _ output: Tensor) -> [Tensor?]
  ) rethrows -> Variable {
    let values = inputs.map(\.value)
    let output = try forward(values)
    var tape: Tape? = nil
    for v in inputs where v.tape != nil {
      precondition(tape == nil || tape === v.tape, "operands recorded on different tapes")
      tape = v.tape
    }
    let ids = inputs.map { $0.isTracked ? $0.id : -1 }
    return result(output, on: tape) { tape, g in
      let grads = backward(g, values, output)
      precondition(
        grads.count == values.count, "custom op returned \(grads.count) gradients for \(values.count) inputs")
      for (i, grad) in grads.enumerated() {
        guard let grad, ids[i] >= 0 else { continue }
        precondition(grad.shape == values[i].shape, "custom op gradient \(grad.shape) for input \(values[i].shape)")
        tape.accumulate(grad, into: ids[i])
      }
    }
  }

  /// A straight-through operation: `forward` applied to the value, the gradient passed through unchanged.
  public func straightThrough(_ forward: (Tensor) throws -> Tensor) rethrows -> Variable {
    try Variable.custom([self], forward: { try forward($0[0]) }, backward: { g, _, _ in [g] })
  }
}
