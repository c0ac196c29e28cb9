import CBLAS

/// Settings of the BLAS library behind every matrix product.
public enum BLAS {
  /// The number of threads OpenBLAS uses: 2 by default, the core count of the reference machine.
  public static var threadCount: Int {
    get { _ = configured; return Int(openblas_get_num_threads()) }
    set { _ = configured; openblas_set_num_threads(Int32(max(1, newValue))) }
  }

  /// Runs once, before the first product: pins the thread count so timings are comparable.
  static let configured: Void = {
    openblas_set_num_threads(2)
  }()
}

/// Row-major single-precision GEMM: `c = alpha * op(a) * op(b) + beta * c`.
///
/// `op(a)` is `m x k`, `op(b)` is `k x n`, `c` is `m x n`; leading dimensions
/// are those of the stored (untransposed) matrices.
@inline(__always)
func gemm(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
  alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
) {
  _ = BLAS.configured
  if m == 0 || n == 0 { return }
  if k == 0 {
    // BLAS leaves c untouched when k == 0 only if beta == 1; make the maths explicit.
    if beta == 0 {
      for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
    } else if beta != 1 {
      for i in 0..<m { scale(c + i * ldc, by: beta, count: n) }
    }
    return
  }
  cblas_sgemm(
    CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
