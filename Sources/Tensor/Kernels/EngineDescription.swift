import CBLAS

/// What the engine's numbers were computed with: the BLAS library and the kernel it picked for
/// this CPU, the vector instructions the engine's own loops were compiled for, and the threads.
/// Reports print it, because results agree bit for bit only on the same kind of CPU.
public enum EngineDescription {
  /// The BLAS library's build line, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64`.
  public static var blasConfiguration: String {
    _ = BLAS.configured
    return openblas_get_config().map { String(cString: $0) }?.trimmingSpaces() ?? "unknown BLAS"
  }

  /// The BLAS kernel chosen for this CPU (OpenBLAS's core name, e.g. `SkylakeX`, `Haswell`, `Zen`).
  public static var blasCore: String {
    _ = BLAS.configured
    return openblas_get_corename().map { String(cString: $0) }?.trimmingSpaces() ?? "unknown"
  }

  /// The vector instructions the engine's own loops (convolutions, element-wise kernels) use.
  public static var compiledVectorISA: String {
    #if DEBUG
      return "none (debug build, unoptimised)"
    #elseif arch(x86_64) && os(Linux)
      return "AVX2 + FMA (release build for Haswell and later)"
    #elseif arch(x86_64)
      return "SSE2 (release build, baseline x86-64)"
    #elseif arch(arm64)
      return "NEON (release build)"
    #else
      return "the platform's baseline (release build)"
    #endif
  }

  /// Threads the engine computes on (its worker pool; OpenBLAS runs inside them).
  public static var threadCount: Int { EngineTuning.threadCount }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var text = Substring(self)
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
