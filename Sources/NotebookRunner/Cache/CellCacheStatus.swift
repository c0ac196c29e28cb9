/// What the cell cache did for one cell, for `--explain`, the report's footer and its JSON.
public enum CellCacheStatus: Sendable, Equatable {
  /// Restored from the store: outputs, bound names and changed objects. `computedIn` is how many
  /// seconds the cell took when it ran and was stored (nil for an entry stored before nnlab kept it).
  case hit(computedIn: Double?)
  /// Ran, and its results were stored; `reason` says why no entry served.
  case ran(reason: String)
  /// Ran and was not stored; `reason` says why (an error, `cache: false`, a value that cannot be cached).
  case uncached(reason: String)

  /// Whether the cell was restored from the store.
  public var isHit: Bool {
    if case .hit = self { return true }
    return false
  }

  /// `hit`, `ran` or `uncached`.
  public var word: String {
    switch self {
    case .hit: "hit"
    case .ran: "ran"
    case .uncached: "not cached"
    }
  }

  /// The line `--explain` prints for cell `number`: `cell 7 ran: params.epochs 4 → 6`.
  public func explanation(cell number: Int) -> String {
    switch self {
    case .hit(let seconds?): "cell \(number) hit (computed in \(ProgressText.duration(seconds)))"
    case .hit: "cell \(number) hit"
    case .ran(let reason): "cell \(number) ran: \(reason)"
    case .uncached(let reason): "cell \(number) ran, not cached: \(reason)"
    }
  }
}
