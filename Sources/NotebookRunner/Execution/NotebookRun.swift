import Foundation
import Kernel

/// Everything a report shows about one run of a notebook: the plain model the HTML and JSON
/// renderers take, so they can be tested without a kernel.
public struct NotebookRun: Sendable {
  /// The notebook that ran.
  public var notebook: Notebook
  /// The parameters it ran with (defaults, profile, overrides applied).
  public var parameters: Record
  /// The profile chosen with `--profile`, if any.
  public var profile: String?
  /// One entry per cell, in order.
  public var cells: [CellRun]
  /// When the run started.
  public var startedAt: Date
  /// Seconds the run took.
  public var duration: Double
  /// Remarks about the run as a whole (time limit reached, caching not implemented, ...).
  public var notes: [String]
  /// Whether the user interrupted the run (Ctrl-C).
  public var interrupted: Bool
  /// The build, machine, libraries, seeds and data that made the run, when recorded
  /// (``RunOptions/recordsProvenance``).
  public var provenance: Provenance?

  /// Creates a run.
  public init(
    notebook: Notebook, parameters: Record, profile: String? = nil, cells: [CellRun], startedAt: Date,
    duration: Double, notes: [String] = [], interrupted: Bool = false, provenance: Provenance? = nil
  ) {
    self.provenance = provenance
    self.notebook = notebook
    self.parameters = parameters
    self.profile = profile
    self.cells = cells
    self.startedAt = startedAt
    self.duration = duration
    self.notes = notes
    self.interrupted = interrupted
  }

  /// About how long the run would have taken with every cell computed: the run's time with each
  /// cell restored from the cache counted at the time it took when it ran. Nil when no cell was
  /// restored, or when a restored cell's time was not kept.
  public var coldDuration: Double? {
    var restored = 0.0
    var computed = 0.0
    var hits = 0
    for cell in cells {
      guard case .hit(let seconds)? = cell.cache else { continue }
      guard let seconds else { return nil }
      restored += cell.duration
      computed += seconds
      hits += 1
    }
    return hits > 0 ? duration - restored + computed : nil
  }

  /// Cells whose error was not allowed: they make the exit status non-zero.
  public var failedCount: Int { cells.filter(\.status.isFailure).count }

  /// Whether every cell ran and none failed.
  public var succeeded: Bool { failedCount == 0 && !interrupted && !cells.contains { $0.status.isNotRun } }
}

/// One cell's part of a run.
public struct CellRun: Sendable {
  /// The cell.
  public var cell: CodeCell
  /// How it ended.
  public var status: Status
  /// Its outputs in order (kept when it failed part-way).
  public var outputs: [DisplayItem]
  /// Seconds it took.
  public var duration: Double
  /// What the cell cache did for this cell, when the cache was on; `nil` otherwise.
  public var cache: CellCacheStatus?

  /// How a cell ended.
  public enum Status: Sendable {
    /// It ran without error.
    case ok
    /// It stopped with an error.
    case failed(LabError)
    /// It stopped with an error its `error: true` option allows.
    case allowedError(LabError)
    /// It did not run; the reason says why (an earlier failure, a time limit, Ctrl-C).
    case notRun(reason: String)

    /// Whether this counts as a failure of the run.
    public var isFailure: Bool {
      if case .failed = self { return true }
      return false
    }

    /// Whether the cell did not run.
    public var isNotRun: Bool {
      if case .notRun = self { return true }
      return false
    }

    /// The error shown for the cell, allowed or not.
    public var error: LabError? {
      switch self {
      case .failed(let error), .allowedError(let error): error
      case .ok, .notRun: nil
      }
    }
  }

  /// Creates a cell run.
  public init(cell: CodeCell, status: Status, outputs: [DisplayItem] = [], duration: Double = 0) {
    self.cell = cell
    self.status = status
    self.outputs = outputs
    self.duration = duration
  }
}
