#if canImport(Glibc)
  import Glibc
#endif

/// How the engine's buffers come from the C allocator (glibc only; elsewhere nothing changes).
///
/// By default glibc maps every buffer above a threshold fresh from the kernel and unmaps it on
/// free, and gives each thread that allocates an arena of its own, whose heaps it shrinks and
/// grows again: each training step then page-faults its activations and workspaces in anew. A
/// ResNet-32 w0.5 epoch of 7,000 images took a million page faults and 2 s of system time in
/// some runs and 0.2 million and 0.6 s in others (with these settings, 0.09 million and 0.3 s in
/// every run). The settings:
/// buffers up to 32 MiB (glibc's largest allowed threshold; setting one also stops glibc from
/// moving it) come from the heap, the heap is never trimmed back, and every thread allocates from
/// the one main heap. They cost nothing but keeping the peak reserved.
public enum HeapSettings {
  /// Applies the settings, once. A program calls it first, before it starts any thread: a thread
  /// keeps the arena of its first allocation. The engine calls it before its first product, too
  /// late for the threads that exist by then.
  public static func apply() { _ = applied }

  private static let applied: Void = {
    #if canImport(Glibc)
      // mallopt is not in the Glibc module map; look it up.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      let (trimThreshold, mmapThreshold, arenaMax): (Int32, Int32, Int32) = (-1, -3, -8)
      _ = mallopt(mmapThreshold, 32 << 20)
      _ = mallopt(trimThreshold, Int32.max)
      _ = mallopt(arenaMax, 1)
    #endif
  }()
}
