/// A tensor in a differentiable computation: its value and, when it lives on a tape, its node.
///
/// Operations on variables compute their value at once; if any input is on a
/// tape, the output is recorded there with its backward closure. Variables
/// without a tape (`Variable(tensor)`) are constants, and a computation with
/// constants only records nothing, which is how inference runs without a tape.
public struct Variable {
  /// The value.
  public let value: Tensor
  /// The tape the variable is recorded on, or nil for a constant.
  public let tape: Tape?
  /// The node index on the tape (-1 for constants).
  let id: Int

  init(value: Tensor, tape: Tape?, id: Int) {
    self.value = value
    self.tape = tape
    self.id = id
  }

  /// A constant: gradients do not flow into it.
  public init(_ value: Tensor) {
    self.init(value: value, tape: nil, id: -1)
  }

  /// Whether gradients flow into this variable.
  public var isTracked: Bool { tape != nil }

  /// The shape of the value.
  public var shape: [Int] { value.shape }

  /// The same value, cut off from the tape.
  public var detached: Variable { Variable(value) }

  /// The tape shared by the tracked inputs of an operation, if any.
  @inline(__always)
  static func tape(of inputs: Variable...) -> Tape? {
    var found: Tape? = nil
    for v in inputs {
      guard let t = v.tape else { continue }
      if let f = found {
        precondition(f === t, "operands recorded on different tapes")
      } else {
        found = t
      }
    }
    return found
  }

  /// The result of an operation: recorded on `tape` with `backward` if there is a tape.
  @inline(__always)
  static func result(_ value: Tensor, on tape: Tape?, backward: @escaping (Tape, Tensor) -> Void) -> Variable {
    guard let tape else { return Variable(value) }
    return tape.record(value, backward: backward)
  }
}
