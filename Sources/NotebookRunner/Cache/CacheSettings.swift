/// How a run uses the cell cache (`--cache`, `--cache-dir`, `--explain`, `--refresh`).
public struct CacheSettings: Sendable, Equatable {
  /// Whether the cache is on for every notebook (`--cache`); a notebook's `cache: true` turns it on for that one.
  public var enabled: Bool
  /// The store's folder; `nil` is `.nnlab-cache/` beside each notebook.
  public var directory: String?
  /// Whether to print why each cell ran or hit (`--explain`).
  public var explain: Bool
  /// Labels of cells to run again even when their entry is valid (`--refresh LABEL`).
  public var refresh: Set<String>
  /// The most bytes the store keeps; the least recently used entries go first.
  public var sizeLimit: Int

  /// 2 GB by default.
  public static let defaultSizeLimit = 2_000_000_000

  /// Creates settings; the defaults leave the cache off.
  public init(
    enabled: Bool = false, directory: String? = nil, explain: Bool = false, refresh: Set<String> = [],
    sizeLimit: Int = CacheSettings.defaultSizeLimit
  ) {
    self.enabled = enabled
    self.directory = directory
    self.explain = explain
    self.refresh = refresh
    self.sizeLimit = sizeLimit
  }
}
