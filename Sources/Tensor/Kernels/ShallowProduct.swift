/// Matrix products with a short inner dimension, `c = a · b` with `a [m, k]` small and `b [k, n]` wide.
///
/// Winograd's per-position products in a layer of few channels (`k` = 8 to 32 channels, `n` =
/// thousands of tiles) are this shape. BLAS first zeroes `c` and copies `a` and `b` into its
/// packed layouts, passes that cost as much as the product itself when `k` is this short; here
/// each 16-column strip of `b` (at most `k · 16` floats, in L1) is read once per four rows of
/// `a`, and `c` is written once.
enum ShallowProduct {
  /// `c[m × n] = a[m × k] · b[k × n]`, all row-major with leading dimensions `lda`, `ldb`, `ldc`.
  static func multiply(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    @inline(__always) func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
      UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inline(__always) func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
      UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
    var j = 0
    while j + 16 <= n {
      var i = 0
      while i + 4 <= m {
        var (c00, c01, c10, c11) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (c20, c21, c30, c31) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        let (a0, a1, a2, a3) = (a + i * lda, a + (i + 1) * lda, a + (i + 2) * lda, a + (i + 3) * lda)
        for p in 0..<k {
          let row = b + p * ldb + j
          let (b0, b1) = (load(row), load(row + 8))
          let (x0, x1, x2, x3) = (SIMD8(repeating: a0[p]), SIMD8(repeating: a1[p]), SIMD8(repeating: a2[p]), SIMD8(repeating: a3[p]))
          c00.addProduct(x0, b0)
          c01.addProduct(x0, b1)
          c10.addProduct(x1, b0)
          c11.addProduct(x1, b1)
          c20.addProduct(x2, b0)
          c21.addProduct(x2, b1)
          c30.addProduct(x3, b0)
          c31.addProduct(x3, b1)
        }
        let out = c + i * ldc + j
        store(c00, out)
        store(c01, out + 8)
        store(c10, out + ldc)
        store(c11, out + ldc + 8)
        store(c20, out + 2 * ldc)
        store(c21, out + 2 * ldc + 8)
        store(c30, out + 3 * ldc)
        store(c31, out + 3 * ldc + 8)
        i += 4
      }
      while i < m {
        var (c0, c1) = (SIMD8<Float>(), SIMD8<Float>())
        for p in 0..<k {
          let row = b + p * ldb + j
          let x = SIMD8<Float>(repeating: a[i * lda + p])
          c0.addProduct(x, load(row))
          c1.addProduct(x, load(row + 8))
        }
        store(c0, c + i * ldc + j)
        store(c1, c + i * ldc + j + 8)
        i += 1
      }
      j += 16
    }
    // The last columns, fewer than 16.
    if j < n {
      for i in 0..<m {
        for q in j..<n {
          var s: Float = 0
          for p in 0..<k { s += a[i * lda + p] * b[p * ldb + q] }
          c[i * ldc + q] = s
        }
      }
    }
  }
}
