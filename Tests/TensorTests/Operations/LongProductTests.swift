import Testing

@testable import Tensor

@Suite("Products with a long inner dimension")
struct LongProductTests {
  /// (m, n, k): 4 × 2 blocks with leftover rows and columns, depths with an 8-float tail, and
  /// depths past one pass of `LongProduct.kBlock` columns.
  @Test(arguments: [(8, 8, 1000), (5, 3, 37), (4, 2, 8), (9, 7, 1300), (1, 1, 5), (3, 5, 512), (2, 6, 0)])
  func accumulatesAReferenceProductWithLeadingDimensions(_ config: (Int, Int, Int)) {
    let (m, n, k) = config
    let (lda, ldb, ldc) = (k + 3, k + 5, n + 1)
    let a = Tensor(randomNormal: [Swift.max(1, m * lda)], seed: 61).scalars
    let b = Tensor(randomNormal: [Swift.max(1, n * ldb)], seed: 62).scalars
    let start = Tensor(randomNormal: [m * ldc], seed: 63).scalars
    var c = start
    for i in 0..<m { c[i * ldc + n] = .nan }
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          LongProduct.accumulate(
            m: m, n: n, k: k, a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb, c: pc.baseAddress!, ldc: ldc)
        }
      }
    }
    var worst: Double = 0
    for i in 0..<m {
      for j in 0..<n {
        var s = Double(start[i * ldc + j])
        for p in 0..<k { s += Double(a[i * lda + p]) * Double(b[j * ldb + p]) }
        // Relative to the size of the sum's terms (about √k for unit normal entries).
        worst = Swift.max(worst, Swift.abs(Double(c[i * ldc + j]) - s) / Swift.max(1, Double(k).squareRoot()))
      }
      // The padding between rows stays untouched.
      #expect(c[i * ldc + n].isNaN)
    }
    #expect(worst < 1e-5)
  }
}
