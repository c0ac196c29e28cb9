import CBLAS

#if canImport(Glibc)
  import Glibc
#endif

/// Settings of the BLAS library behind every matrix product.
public enum BLAS {
  /// The number of threads the engine computes with, 2 by default (the cores of the reference
  /// machine): the workers that split matrix products and the other kernels. The same as
  /// `EngineTuning.threadCount`; OpenBLAS itself runs one thread per call unless
  /// `EngineTuning.splitsProducts` is off, in which case it gets this many.
  public static var threadCount: Int {
    get { EngineTuning.threadCount }
    set { EngineTuning.threadCount = newValue }
  }

  /// Runs once, before the first product.
  ///
  /// Sets OpenBLAS's thread count (see `threadCount`) and applies `HeapSettings`.
  static let configured: Void = {
    HeapSettings.apply()
    openblas_set_num_threads(Int32(EngineTuning.blasThreads))
  }()
}

/// Row-major single-precision GEMM: `c = alpha * op(a) * op(b) + beta * c`.
///
/// `op(a)` is `m x k`, `op(b)` is `k x n`, `c` is `m x n`; leading dimensions
/// are those of the stored (untransposed) matrices. With
/// `EngineTuning.splitsProducts`, a large product is cut in two along its
/// longer output side and the halves run on two workers (`parallel: false`
/// for calls made from a worker already).
@inline(__always)
func gemm(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
  alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int, parallel: Bool = true
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
  let workers = Parallel.workerCount
  if parallel, workers > 1, EngineTuning.splitsProducts, m * n * k >= EngineTuning.splitThreshold {
    // Cut the longer side of c at a multiple of 16 (the kernels' register tiles).
    let alongColumns = n >= m
    let side = alongColumns ? n : m
    Parallel.run(workers) { w in
      let start = (side * w / workers) / 16 * 16
      let end = w == workers - 1 ? side : (side * (w + 1) / workers) / 16 * 16
      guard end > start else { return }
      if alongColumns {
        // Columns of op(b): columns of b, or rows of b when transposed.
        let bPart = transposeB ? b + start * ldb : b + start
        sgemm(transposeA, transposeB, m, end - start, k, alpha, a, lda, bPart, ldb, beta, c + start, ldc)
      } else {
        // Rows of op(a): rows of a, or columns of a when transposed.
        let aPart = transposeA ? a + start : a + start * lda
        sgemm(transposeA, transposeB, end - start, n, k, alpha, aPart, lda, b, ldb, beta, c + start * ldc, ldc)
      }
    }
    return
  }
  sgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

@inline(__always)
private func sgemm(
  _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float, _ a: UnsafePointer<Float>,
  _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int
) {
  cblas_sgemm(
    CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
