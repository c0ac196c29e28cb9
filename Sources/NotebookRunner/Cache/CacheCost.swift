import Foundation

/// What the cell cache's own work cost in one run, by kind, in CPU seconds of the thread that
/// did it (robust to a loaded machine) and in wall seconds: the price of a cold run with the
/// cache on, measured directly (`--explain` prints it).
public struct CacheCost: Sendable, Equatable {
  /// One kind of work's seconds.
  public struct Seconds: Sendable, Equatable {
    /// CPU time of the thread that did it (user + system).
    public var cpu = 0.0
    /// Wall time.
    public var wall = 0.0
  }

  /// Digesting the values and files each cell read (and the objects it may change), and the keys.
  public var keys = Seconds()
  /// Writing what each cell did in the binary form (its checksums and blob digests included).
  public var encoding = Seconds()
  /// Writing entries, blobs and traces to the store, and evicting.
  public var writing = Seconds()
  /// Looking entries up and restoring hits (reading, checking and applying them).
  public var lookups = Seconds()

  /// Everything.
  public var total: Seconds {
    Seconds(
      cpu: keys.cpu + encoding.cpu + writing.cpu + lookups.cpu, wall: keys.wall + encoding.wall + writing.wall + lookups.wall)
  }

  /// The calling thread's CPU time.
  static func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// The process's CPU time (user + system, every thread).
  public static func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
      getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  }

  /// `cell cache: its own work took 0.41 s CPU of the run's 62.3 s CPU (0.7%); ...`.
  func summary(cpu runCPU: Double, wall runWall: Double) -> String {
    func s(_ x: Double) -> String { String(format: "%.3f s", x) }
    func share(_ part: Double, _ whole: Double) -> String { whole > 0 ? String(format: "%.1f%%", part / whole * 100) : "-" }
    let total = self.total
    return "cell cache: its own work took \(s(total.cpu)) CPU of the run's \(String(format: "%.2f s", runCPU)) CPU "
      + "(\(share(total.cpu, runCPU))); \(s(total.wall)) wall of \(String(format: "%.2f s", runWall)) (\(share(total.wall, runWall))); "
      + "CPU: keys and digests \(s(keys.cpu)), encoding \(s(encoding.cpu)), store writes \(s(writing.cpu)), "
      + "lookups and restores \(s(lookups.cpu))"
  }
}
