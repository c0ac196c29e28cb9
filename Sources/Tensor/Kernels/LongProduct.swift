/// Matrix products with a long inner dimension, `c += a · bᵀ` with `a [m, k]` and `b [n, k]` both
/// short and wide.
///
/// The Winograd filter gradient sums, for each transformed position, over every tile of a chunk:
/// `[O, tiles] · [C, tiles]ᵀ` with tiles in the thousands and `O`, `C` the layer's channels. BLAS
/// copies both operands into its packed layouts before it multiplies, which for this shape costs
/// almost as much as the product; here the operands are read where they lie, `kBlock` columns at
/// a time so that four rows of `a` stay in L1 while the rows of `b` stream past them, and each
/// 4 × 2 block of `c` is summed in eight vector accumulators.
enum LongProduct {
  /// Columns of `a` and `b` per pass (four rows of `a` are 8 KB).
  static let kBlock = 512

  /// `c[m × n] += a[m × k] · b[n × k]ᵀ`, all row-major with leading dimensions `lda`, `ldb`, `ldc`.
  static func accumulate(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    var k0 = 0
    while k0 < k {
      let depth = Swift.min(kBlock, k - k0)
      var i = 0
      while i < m {
        let rows = Swift.min(4, m - i)
        var j = 0
        while j < n {
          let columns = Swift.min(2, n - j)
          if rows == 4 && columns == 2 {
            block4x2(depth, a + i * lda + k0, lda, b + j * ldb + k0, ldb, c + i * ldc + j, ldc)
          } else {
            for r in 0..<rows {
              for q in 0..<columns {
                c[(i + r) * ldc + j + q] += dot(depth, a + (i + r) * lda + k0, b + (j + q) * ldb + k0)
              }
            }
          }
          j += columns
        }
        i += rows
      }
      k0 += depth
    }
  }

  @inline(__always)
  static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }

  /// `c[4 × 2] += a[4 × depth] · b[2 × depth]ᵀ`.
  @inline(__always)
  static func block4x2(
    _ depth: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int
  ) {
    var (s00, s01, s10, s11) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
    var (s20, s21, s30, s31) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
    let (a0, a1, a2, a3) = (a, a + lda, a + 2 * lda, a + 3 * lda)
    let (b0, b1) = (b, b + ldb)
    var p = 0
    while p + 8 <= depth {
      let (y0, y1) = (load(b0 + p), load(b1 + p))
      let x0 = load(a0 + p)
      s00.addProduct(x0, y0)
      s01.addProduct(x0, y1)
      let x1 = load(a1 + p)
      s10.addProduct(x1, y0)
      s11.addProduct(x1, y1)
      let x2 = load(a2 + p)
      s20.addProduct(x2, y0)
      s21.addProduct(x2, y1)
      let x3 = load(a3 + p)
      s30.addProduct(x3, y0)
      s31.addProduct(x3, y1)
      p += 8
    }
    var t = (s00.sum(), s01.sum(), s10.sum(), s11.sum(), s20.sum(), s21.sum(), s30.sum(), s31.sum())
    while p < depth {
      let (y0, y1) = (b0[p], b1[p])
      t.0 += a0[p] * y0
      t.1 += a0[p] * y1
      t.2 += a1[p] * y0
      t.3 += a1[p] * y1
      t.4 += a2[p] * y0
      t.5 += a2[p] * y1
      t.6 += a3[p] * y0
      t.7 += a3[p] * y1
      p += 1
    }
    c[0] += t.0
    c[1] += t.1
    c[ldc] += t.2
    c[ldc + 1] += t.3
    c[2 * ldc] += t.4
    c[2 * ldc + 1] += t.5
    c[3 * ldc] += t.6
    c[3 * ldc + 1] += t.7
  }

  /// `Σ a[p] · b[p]` over `depth` floats.
  @inline(__always)
  static func dot(_ depth: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>) -> Float {
    var s = SIMD8<Float>()
    var p = 0
    while p + 8 <= depth {
      s.addProduct(load(a + p), load(b + p))
      p += 8
    }
    var t = s.sum()
    while p < depth {
      t += a[p] * b[p]
      p += 1
    }
    return t
  }
}
