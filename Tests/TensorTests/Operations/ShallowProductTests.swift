import Testing

@testable import Tensor

@Suite("Products with a short inner dimension")
struct ShallowProductTests {
  /// (m, n, k): row blocks of four and single rows, 16-column strips and a tail, depths 1 to 32.
  @Test(arguments: [(8, 64, 8), (5, 37, 3), (3, 15, 32), (1, 16, 1), (6, 50, 17), (4, 0, 4)])
  func matchesAReferenceProductWithLeadingDimensions(_ config: (Int, Int, Int)) {
    let (m, n, k) = config
    let (lda, ldb, ldc) = (k + 2, n + 3, n + 1)
    let a = Tensor(randomNormal: [m * lda], seed: 51).scalars
    let b = Tensor(randomNormal: [Swift.max(1, k * ldb)], seed: 52).scalars
    var c = [Float](repeating: .nan, count: Swift.max(1, m * ldc))
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          ShallowProduct.multiply(
            m: m, n: n, k: k, a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb, c: pc.baseAddress!, ldc: ldc)
        }
      }
    }
    var worst: Float = 0
    for i in 0..<m {
      for j in 0..<n {
        var s: Double = 0
        for p in 0..<k { s += Double(a[i * lda + p]) * Double(b[p * ldb + j]) }
        worst = Swift.max(worst, Swift.abs(c[i * ldc + j] - Float(s)))
      }
      // The padding between rows stays untouched.
      if ldc > n { #expect(c[i * ldc + n].isNaN) }
    }
    #expect(worst < 1e-4)
  }
}
