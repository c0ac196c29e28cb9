import CBLAS

/// Performance knobs of the kernels, with defaults measured on the reference machine
/// (2-core AMD EPYC, OpenBLAS 0.3.21). Changing them never changes results beyond rounding.
public enum EngineTuning {
  /// The target size in bytes of the patch matrix of one chunk of images in a convolution.
  ///
  /// Small enough to stay in cache between im2col and the GEMM that reads it;
  /// large enough that the GEMM is efficient.
  nonisolated(unsafe) public static var convolutionChunkBytes = 256 << 10

  /// Threads for the engine's parallel kernels and matrix products (2 by default).
  ///
  /// Set it before computing, not while another thread uses the engine: a new
  /// pool of worker threads replaces the old one, whose threads stay parked.
  public static var threadCount: Int {
    get {
      _ = BLAS.configured
      return storedThreadCount
    }
    set {
      _ = BLAS.configured
      let count = Swift.max(1, newValue)
      #if os(Linux)
        if count != storedThreadCount { WorkerPool.shared = WorkerPool(threads: count - 1) }
      #endif
      storedThreadCount = count
      openblas_set_num_threads(Int32(blasThreads))
    }
  }

  /// Whether large matrix products are split over the engine's workers, each
  /// calling a single-threaded BLAS, instead of using OpenBLAS's own threads.
  ///
  /// One pool of threads for everything means no OpenBLAS threads spinning
  /// (they yield for about 0.1 s after each product) while the engine's
  /// workers run the other kernels.
  public static var splitsProducts: Bool {
    get {
      _ = BLAS.configured
      return storedSplitsProducts
    }
    set {
      _ = BLAS.configured
      storedSplitsProducts = newValue
      openblas_set_num_threads(Int32(blasThreads))
    }
  }

  /// Whether 3x3 stride-1 convolutions use Winograd F(2x2, 3x3) (2.25 times fewer
  /// multiplications) rather than im2col + GEMM. Results differ by rounding only.
  nonisolated(unsafe) public static var usesWinograd = true

  /// Whether stride-1 convolutions with small patches (first layers) are computed directly
  /// rather than through im2col + GEMM. Results differ by rounding only.
  nonisolated(unsafe) public static var usesDirectConvolution = true

  /// The most input channels for which a Winograd convolution's per-position products run in the
  /// engine's own kernel (`ShallowProduct`) rather than BLAS. Results differ by rounding only.
  nonisolated(unsafe) public static var shallowProductDepth = 32

  /// The most channels (in and out) for which the Winograd filter gradient's per-position products
  /// run in the engine's own kernel (`LongProduct`) rather than BLAS, when a layer's chunks are
  /// split over the workers. Results differ by rounding only.
  nonisolated(unsafe) public static var longProductDepth = 32

  /// The most tiles per tile row (1, 2 or 4) for which Winograd's data transforms take eight
  /// tiles from consecutive tile rows (across rows and images) instead of eight along one row,
  /// most of whose lanes would run past the row's end. 2 covers output planes up to 4 wide, where
  /// it makes VGG16's 4×4 and 2×2 layers 25–40% faster; at 4 tiles (planes up to 8 wide) it
  /// measured 1–5% slower than the row path. 0 turns it off. Results are the same bit for bit.
  nonisolated(unsafe) public static var winogradFlatColumns = 2

  /// Whether Winograd's output transform writes an output of whole tiles (a plane 32, 16 or 4
  /// wide, say) where it lies, and the filter gradient reads such output gradients there, instead
  /// of through a copy. Results are the same bit for bit.
  nonisolated(unsafe) public static var winogradInPlace = true

  /// Multiply-adds below which a product runs on one thread.
  nonisolated(unsafe) public static var splitThreshold = 1 << 18

  nonisolated(unsafe) static var storedThreadCount = 2
  nonisolated(unsafe) static var storedSplitsProducts = true

  /// The thread count OpenBLAS itself should use.
  static var blasThreads: Int { storedSplitsProducts ? 1 : storedThreadCount }
}
