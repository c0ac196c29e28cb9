/// A trainable tensor shared by reference: layers own parameters, tapes read
/// them and write their gradients, optimisers update them.
public final class Parameter {
  /// The current value.
  public var value: Tensor
  /// The gradient accumulated by `Tape.backward` since it was last cleared, if any.
  public var gradient: Tensor?

  /// Creates a parameter holding `value`.
  public init(_ value: Tensor) {
    self.value = value
  }

  /// The shape of the value.
  public var shape: [Int] { value.shape }

  /// Adds `g` into the gradient.
  func accumulate(_ g: Tensor) {
    if gradient == nil {
      gradient = g
    } else {
      gradient?.add(g)
    }
  }
}
