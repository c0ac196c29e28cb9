/// One notebook's line in the site index.
public struct SiteEntry: Sendable {
  /// The notebook path.
  public var path: String
  /// The report's path relative to the site folder.
  public var reportName: String
  /// The notebook's title (its file name when it has none or could not be read).
  public var title: String
  /// The front matter's description.
  public var description: String?
  /// How the notebook fared.
  public var status: Status
  /// Number of cells (0 when the notebook could not be read).
  public var cellCount: Int
  /// Seconds the run took.
  public var duration: Double
  /// When cells were restored from the cache: about how long computing every cell would take
  /// (``NotebookRun/coldDuration``).
  public var coldDuration: Double? = nil

  /// How a notebook fared.
  public enum Status: Sendable {
    /// Every cell ran without error.
    case ok
    /// Cells failed or did not run.
    case failed(failedCells: Int, notRun: Int)
    /// The notebook could not be read or its parameters resolved.
    case error(NotebookError)
    /// The user interrupted the run before or during this notebook.
    case interrupted
  }

  /// Whether the notebook ran completely without failures.
  public var isOK: Bool {
    if case .ok = status { return true }
    return false
  }
}
