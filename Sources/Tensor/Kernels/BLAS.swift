import CBLAS

#if canImport(Glibc)
import Glibc
#endif

/// Settings of the BLAS library behind every matrix product.
public enum BLAS {
  /// The number of threads OpenBLAS (and the engine's parallel kernels) use: 2 by default,
  /// the core count of the reference machine. The same as `EngineTuning.threadCount`.
  public static var threadCount: Int {
    get { EngineTuning.threadCount }
    set { EngineTuning.threadCount = newValue }
  }

  /// Runs once, before the first product.
  ///
  /// Pins the BLAS thread count so timings are comparable, and (glibc only)
  /// keeps large allocations on the heap: by default glibc maps every buffer
  /// above a threshold fresh from the kernel and unmaps it on free, so each
  /// training step would page-fault its activations and workspaces in again.
  /// Reusing heap memory instead costs nothing but keeping the peak reserved.
  static let configured: Void = {
    openblas_set_num_threads(Int32(EngineTuning.storedThreadCount))
    #if canImport(Glibc)
    // mallopt is not in the Glibc module map; look it up (M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3).
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      _ = mallopt(-3, 1 << 30)
      _ = mallopt(-1, 1 << 30)
    }
    #endif
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
