import Foundation

/// What the cell cache's own work cost in one run, in seconds of wall time by kind: the
/// price of a cold run with the cache on, measured directly (`--explain` prints it).
public struct CacheCost: Sendable, Equatable {
  /// Digesting the values and files each cell read (and the objects it may change), and the keys.
  public var keys = 0.0
  /// Writing what each cell did in the binary form (its checksums and blob digests included).
  public var encoding = 0.0
  /// Writing entries, blobs and traces to the store, and evicting.
  public var writing = 0.0
  /// Looking entries up and restoring hits (reading, checking and applying them).
  public var lookups = 0.0

  /// Everything.
  public var total: Double { keys + encoding + writing + lookups }

  /// `cell cache: its own work took 0.41 s of the 12.3 s run (3.3%): ...`.
  func summary(of duration: Double) -> String {
    func s(_ x: Double) -> String { String(format: "%.3f s", x) }
    let share = duration > 0 ? String(format: "%.1f%%", total / duration * 100) : "-"
    return "cell cache: its own work took \(s(total)) of the \(String(format: "%.2f s", duration)) run (\(share)): "
      + "keys and digests \(s(keys)), encoding \(s(encoding)), store writes \(s(writing)), lookups and restores \(s(lookups))"
  }
}
