import CBLAS

/// Performance knobs of the kernels, with defaults measured on the reference machine
/// (2-core AMD EPYC, OpenBLAS 0.3.21). Changing them never changes results beyond rounding.
public enum EngineTuning {
  /// The target size in bytes of the patch matrix of one chunk of images in a convolution.
  ///
  /// Small enough to stay in cache between im2col and the GEMM that reads it;
  /// large enough that the GEMM is efficient.
  nonisolated(unsafe) public static var convolutionChunkBytes = 256 << 10

  /// Threads for BLAS and for the engine's own parallel kernels (2 by default).
  public static var threadCount: Int {
    get { _ = BLAS.configured; return storedThreadCount }
    set {
      _ = BLAS.configured
      storedThreadCount = Swift.max(1, newValue)
      openblas_set_num_threads(Int32(storedThreadCount))
    }
  }

  nonisolated(unsafe) static var storedThreadCount = 2
}
