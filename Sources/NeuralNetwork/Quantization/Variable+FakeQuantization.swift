import Tensor

extension Variable {
  /// This value fake-quantised by `quantizer`, with a straight-through estimator for the gradient.
  ///
  /// The forward pass rounds to level times scale; the backward pass lets the gradient through
  /// unchanged wherever the value lies within the quantiser's range (`scale * (L + 1/2)`, L the largest
  /// allowed magnitude) and stops it where a fixed scale clips the value. With scales computed from
  /// the value itself (the default) nothing is clipped and the gradient passes whole.
  public func fakeQuantized(_ quantizer: Quantizer, scales given: [Float]? = nil) throws -> Variable {
    let scales = try quantizer.checkedScales(given, for: value)
    let (channels, inner) = try quantizer.channelLayout(of: value.shape)
    let reach = scales.map { $0 * (Float(quantizer.largestMagnitude) + 0.5) }
    return try Variable.custom(
      [self],
      forward: { inputs in try quantizer.fakeQuantize(inputs[0], scales: scales) },
      backward: { gradient, inputs, _ in
        var passed = gradient.scalars
        let x = inputs[0].scalars
        for i in passed.indices {
          let c = channels == 1 ? 0 : (i / inner) % channels
          if Swift.abs(x[i]) > reach[c] { passed[i] = 0 }
        }
        return [Tensor(shape: gradient.shape, scalars: passed)]
      })
  }
}
