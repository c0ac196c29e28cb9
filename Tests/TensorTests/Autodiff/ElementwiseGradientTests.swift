import Testing

@testable import Tensor

@Suite("Gradients of elementwise operations")
struct ElementwiseGradientTests {
  let a = Tensor(randomNormal: [2, 3, 2, 2], seed: 1)
  let b = Tensor(randomNormal: [2, 3, 2, 2], seed: 2)
  let channel = Tensor(randomNormal: [1, 3, 1, 1], seed: 3)
  let scalar = Tensor(randomNormal: [], seed: 4)

  @Test func addSameShapeChannelAndScalar() throws {
    try checkGradients([a, b]) { $0[0] + $0[1] }
    try checkGradients([a, channel]) { $0[0] + $0[1] }
    try checkGradients([scalar, a]) { $0[0] + $0[1] }
  }

  @Test func subtract() throws {
    try checkGradients([a, channel]) { $0[0] - $0[1] }
    try checkGradients([channel, a]) { $0[0] - $0[1] }
  }

  @Test func multiplyWithBroadcasting() throws {
    try checkGradients([a, b]) { $0[0] * $0[1] }
    try checkGradients([a, channel]) { $0[0] * $0[1] }
    try checkGradients([a, Tensor(randomNormal: [2], seed: 5)]) { $0[0] * $0[1] }
  }

  @Test func divide() throws {
    let positive = a.map(.abs) + 0.5
    try checkGradients([b, positive]) { $0[0] / $0[1] }
    try checkGradients([b, channel.map(.abs) + 0.5]) { $0[0] / $0[1] }
  }

  @Test func maximumAndMinimum() throws {
    try checkGradients([a, b], epsilon: 1e-3) { try Variable.combine($0[0], $0[1], .maximum) }
    try checkGradients([a, channel], epsilon: 1e-3) { try Variable.combine($0[0], $0[1], .minimum) }
  }

  @Test func scalarAffine() throws {
    try checkGradients([a]) { 3 * $0[0] - 2 }
    try checkGradients([a]) { 1 - $0[0] / 4 }
  }

  @Test(arguments: [UnaryFunction.exp, .tanh, .sigmoid, .square])
  func smoothUnary(_ function: UnaryFunction) throws {
    try checkGradients([a]) { $0[0].map(function) }
  }

  @Test func logAndSquareRoot() throws {
    let positive = a.map(.abs) + 0.5
    try checkGradients([positive]) { $0[0].log() }
    try checkGradients([positive]) { $0[0].squareRoot() }
  }

  @Test func kinkedUnary() throws {
    let x = awayFromZero([2, 3, 2, 2], seed: 6)
    try checkGradients([x], epsilon: 1e-3) { $0[0].relu() }
    try checkGradients([x], epsilon: 1e-3) { $0[0].abs() }
  }

  @Test func reusedOperandAccumulates() throws {
    try checkGradients([a]) { $0[0] * $0[0] + $0[0] }
  }
}
