import CBLAS

#if !os(Linux)
  import Dispatch
#endif

/// Work split over the cores: the engine's own threads for kernels that are not one big GEMM.
public enum Parallel {
  /// The number of workers (`EngineTuning.threadCount`, 2 by default).
  public static var workerCount: Int { EngineTuning.threadCount }

  /// Elements below which a memory-bound loop is not worth splitting.
  nonisolated(unsafe) public static var grain = 1 << 16

  /// Runs `body(worker)` for `worker` in `0..<workers`, concurrently when `workers > 1`.
  @inline(__always)
  static func run(_ workers: Int, _ body: (Int) -> Void) {
    if workers <= 1 {
      body(0)
    } else {
      execute(workers, body)
    }
  }

  /// The engine's worker pool on Linux, libdispatch elsewhere.
  @inline(__always)
  static func execute(_ iterations: Int, _ body: (Int) -> Void) {
    #if os(Linux)
      if SideBySide.isCrowded {
        // Jobs run side by side: each keeps its kernels on its own thread (the same iterations).
        for i in 0..<iterations { body(i) }
        return
      }
      WorkerPool.shared.run(iterations, body)
    #else
      DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
    #endif
  }

  /// Splits `0..<count` into contiguous ranges, one per worker, when each gets at least `minimum` items.
  @inline(__always)
  public static func ranges(_ count: Int, minimum: Int, _ body: (Range<Int>) -> Void) {
    let workers = Swift.min(workerCount, Swift.max(1, count / Swift.max(minimum, 1)))
    if workers <= 1 {
      body(0..<count)
      return
    }
    execute(workers) { w in
      body((w * count / workers)..<((w + 1) * count / workers))
    }
  }

  /// Like `ranges`, also passing the worker's index; returns the number of workers used.
  @discardableResult
  public static func indexedRanges(_ count: Int, minimum: Int, _ body: (Int, Range<Int>) -> Void) -> Int {
    let workers = Swift.min(workerCount, Swift.max(1, count / Swift.max(minimum, 1)))
    if workers <= 1 {
      body(0, 0..<count)
      return 1
    }
    execute(workers) { w in
      body(w, (w * count / workers)..<((w + 1) * count / workers))
    }
    return workers
  }

  /// Runs `body` with OpenBLAS on one thread, for kernels that call GEMM from several workers.
  ///
  /// Each worker's GEMM then runs in the worker itself: no hand-off to
  /// OpenBLAS's own threads, which would compete with ours for the cores.
  @inline(__always)
  static func withSingleThreadedBLAS<R>(_ body: () -> R) -> R {
    _ = BLAS.configured
    let threads = EngineTuning.blasThreads
    if threads > 1 { openblas_set_num_threads(1) }
    defer { if threads > 1 { openblas_set_num_threads(Int32(threads)) } }
    return body()
  }
}
