import Testing

@testable import Tensor

@Suite("Gradients of matrix operations")
struct LinearAlgebraGradientTests {
  @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
  func matmul(_ transposes: (Bool, Bool)) throws {
    let (ta, tb) = transposes
    let a = Tensor(randomNormal: ta ? [4, 3] : [3, 4], seed: 21)
    let b = Tensor(randomNormal: tb ? [5, 4] : [4, 5], seed: 22)
    try checkGradients([a, b]) { try Variable.matmul($0[0], $0[1], transposeA: ta, transposeB: tb) }
  }

  @Test func linearWithAndWithoutBias() throws {
    let x = Tensor(randomNormal: [4, 6], seed: 23)
    let w = Tensor(randomNormal: [3, 6], seed: 24)
    let b = Tensor(randomNormal: [3], seed: 25)
    try checkGradients([x, w, b]) { try Variable.linear($0[0], weight: $0[1], bias: $0[2]) }
    try checkGradients([x, w]) { try Variable.linear($0[0], weight: $0[1], bias: nil) }
  }

  @Test func frobeniusNorm() throws {
    try checkGradients([Tensor(randomNormal: [3, 4], seed: 26)]) { $0[0].frobeniusNorm() }
  }

  @Test func spectralNorm() throws {
    // A clear gap between the first two singular values makes power iteration converge.
    var w = Tensor(randomNormal: [4, 3], seed: 27) * 0.3
    w.scalars[0] += 3
    try checkGradients([w]) { $0[0].spectralNorm(iterations: 100) }
  }

  @Test func orthogonalityPenaltyComposes() throws {
    // ||WᵀW - I||² as a technique would build it from ops.
    let w = Tensor(randomNormal: [5, 3], seed: 28)
    try checkGradients([w]) { v in
      let gram = try Variable.matmul(v[0], v[0], transposeA: true)
      let d = gram - Variable(Tensor(identity: 3))
      return (d * d).sum()
    }
  }
}
