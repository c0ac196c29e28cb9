import Kernel

/// Progress for logs and CI: exactly one line per notebook, written when it ends.
public final class SummaryLineProgress: ExecutionObserver {
  private let sink: TextSink
  private let verb: String

  /// Creates the display; `verb` starts each line (`rendered`, `ran`).
  public init(sink: TextSink, verb: String) {
    self.sink = sink
    self.verb = verb
  }

  /// Nothing: logs get one line per notebook, at its end.
  public func notebookStarted(_ notebook: Notebook, cellCount: Int) {}
  /// Nothing.
  public func cellStarted(_ cell: CodeCell) {}
  /// Nothing: progress bars are for terminals.
  public func progress(_ event: ProgressEvent) {}
  /// Nothing.
  public func cellFinished(_ run: CellRun) {}

  /// Writes `verb path: N cells, F failed, T s`.
  public func notebookFinished(_ run: NotebookRun) {
    sink.write(ProgressText.summary(run, verb: verb) + "\n")
  }
}
