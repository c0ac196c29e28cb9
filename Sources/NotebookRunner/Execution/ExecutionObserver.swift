import Kernel

/// Follows a run as it happens: progress displays and the terminal printer implement it.
///
/// Calls come from the thread that runs the notebook, except ``progress(_:)``, which comes
/// from wherever the kernel reports progress.
public protocol ExecutionObserver: AnyObject {
  /// A notebook with `cellCount` cells starts.
  func notebookStarted(_ notebook: Notebook, cellCount: Int)
  /// A cell starts.
  func cellStarted(_ cell: CodeCell)
  /// A long builtin reports progress.
  func progress(_ event: ProgressEvent)
  /// A cell ended (or was skipped).
  func cellFinished(_ run: CellRun)
  /// The notebook ended.
  func notebookFinished(_ run: NotebookRun)
}
