import Foundation
import Kernel

/// A live status line on a terminal: notebook, cell number and total, elapsed time, and the
/// progress bar of the running builtin; redrawn in place, replaced by a summary line at the end.
public final class TerminalProgressLine: ExecutionObserver, @unchecked Sendable {
  private let sink: TextSink
  private let verb: String
  private let clock: RunClock
  private let lock = NSLock()
  private var path = ""
  private var cellCount = 0
  private var cellNumber = 0
  private var startedAt = 0.0
  private var event: ProgressEvent?
  private var timer: DispatchSourceTimer?
  private var shown = false

  /// Creates the display; `verb` starts the summary line (`rendered`, `ran`).
  public init(sink: TextSink, verb: String, clock: RunClock = SystemClock()) {
    self.sink = sink
    self.verb = verb
    self.clock = clock
  }

  /// Shows the line and starts the clock that keeps its elapsed time moving.
  public func notebookStarted(_ notebook: Notebook, cellCount: Int) {
    lock.lock()
    path = notebook.path
    self.cellCount = cellCount
    cellNumber = 0
    startedAt = clock.seconds()
    event = nil
    lock.unlock()
    // Elapsed time keeps moving while a long cell runs without reporting progress.
    let timer = DispatchSource.makeTimerSource(queue: .global())
    timer.schedule(deadline: .now() + 0.25, repeating: 0.25)
    timer.setEventHandler { [weak self] in self?.redraw() }
    timer.resume()
    self.timer = timer
  }

  /// Moves the line to the cell and clears the previous cell's progress bar.
  public func cellStarted(_ cell: CodeCell) {
    lock.lock()
    cellNumber = cell.index + 1
    event = nil
    lock.unlock()
    redraw()
  }

  /// Shows the builtin's progress bar.
  public func progress(_ event: ProgressEvent) {
    lock.lock()
    self.event = event
    lock.unlock()
    redraw()
  }

  /// Nothing: the next cell or the summary replaces the line.
  public func cellFinished(_ run: CellRun) {}

  /// Replaces the live line with the summary line.
  public func notebookFinished(_ run: NotebookRun) {
    timer?.cancel()
    timer = nil
    clear()
    sink.write(ProgressText.summary(run, verb: verb) + "\n")
  }

  /// Removes the status line so other output can be printed; the next redraw brings it back.
  public func clear() {
    lock.lock()
    defer { lock.unlock() }
    if shown {
      sink.write("\r\u{1B}[2K")
      shown = false
    }
  }

  /// The current status line's text.
  var statusText: String {
    lock.lock()
    defer { lock.unlock() }
    var line = "\(path)  cell \(cellNumber)/\(cellCount)  \(ProgressText.duration(clock.seconds() - startedAt))"
    if let event { line += "  " + ProgressText.bar(event) }
    return line
  }

  private func redraw() {
    var text = statusText
    // A line longer than the terminal wraps, and "\r" would then redraw only its last part.
    if let columns = sink.terminalColumns, text.count >= columns { text = String(text.prefix(max(columns - 1, 0))) }
    lock.lock()
    defer { lock.unlock() }
    guard !path.isEmpty, cellNumber > 0 else { return }
    sink.write("\r\u{1B}[2K" + text)
    shown = true
  }
}
