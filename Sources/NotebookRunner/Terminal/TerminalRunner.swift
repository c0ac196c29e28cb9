import Charts
import Foundation
import Kernel

/// `nnlab run`: runs one notebook and prints its outputs in the terminal as each cell finishes.
public struct TerminalRunner {
  /// Parameters, failure policy, time limits.
  public var options: RunOptions
  /// Makes the engine (`nil`: a kernel ``Session`` in the options' sandbox).
  public var makeEngine: CellEngineFactory?
  /// The time source.
  public var clock: RunClock
  /// Routes Ctrl-C to the running cell.
  public var interrupts: InterruptController?
  /// Where outputs go (standard output).
  public var output: TextSink
  /// Where errors and progress go (standard error).
  public var diagnostics: TextSink
  /// Whether to draw a live progress line on `diagnostics` (it is a terminal).
  public var liveProgress: Bool
  /// Describes a chart in words (``Charts/TextSummary`` by default).
  public var describeChart: (ChartSpec) -> String

  /// Creates a runner.
  public init(
    options: RunOptions = RunOptions(), makeEngine: CellEngineFactory? = nil,
    clock: RunClock = SystemClock(), interrupts: InterruptController? = nil,
    output: TextSink = TextSink(handle: .standardOutput), diagnostics: TextSink = .standardError(),
    liveProgress: Bool? = nil, describeChart: @escaping (ChartSpec) -> String = { TextSummary.summarize($0) }
  ) {
    self.options = options
    self.makeEngine = makeEngine
    self.clock = clock
    self.interrupts = interrupts
    self.output = output
    self.diagnostics = diagnostics
    self.liveProgress = liveProgress ?? diagnostics.isTerminal
    self.describeChart = describeChart
  }

  /// Runs the notebook at `path`; returns the exit status (0 ok, 1 failed or not runnable, 130 interrupted).
  public func run(path: String) -> Int32 {
    let progress: ExecutionObserver =
      liveProgress
      ? TerminalProgressLine(sink: diagnostics, verb: "ran", clock: clock)
      : SummaryLineProgress(sink: diagnostics, verb: "ran")
    let printer = CellPrinter(progress: progress, output: output, diagnostics: diagnostics, describeChart: describeChart)
    let executor = NotebookExecutor(
      options: options, makeEngine: makeEngine, clock: clock, interrupts: interrupts, observer: printer)
    do {
      let notebook = try NotebookParser.load(path: path)
      let run = try executor.run(notebook)
      if run.interrupted { return 130 }
      return run.succeeded ? 0 : 1
    } catch {
      diagnostics.write(error.description + "\n")
      return 1
    }
  }
}

/// Prints each finished cell: text as is, tables aligned, charts described; errors on stderr.
private final class CellPrinter: ExecutionObserver {
  let progress: ExecutionObserver
  let output: TextSink
  let diagnostics: TextSink
  let describeChart: (ChartSpec) -> String
  var counts: [FloatKind: Int] = [:]

  init(progress: ExecutionObserver, output: TextSink, diagnostics: TextSink, describeChart: @escaping (ChartSpec) -> String) {
    self.progress = progress
    self.output = output
    self.diagnostics = diagnostics
    self.describeChart = describeChart
  }

  func notebookStarted(_ notebook: Notebook, cellCount: Int) {
    counts = [:]
    progress.notebookStarted(notebook, cellCount: cellCount)
  }

  func cellStarted(_ cell: CodeCell) { progress.cellStarted(cell) }
  func progress(_ event: ProgressEvent) { progress.progress(event) }
  func notebookFinished(_ run: NotebookRun) { progress.notebookFinished(run) }

  func cellFinished(_ run: CellRun) {
    (progress as? TerminalProgressLine)?.clear()
    let options = run.cell.options
    if options.output {
      for (index, item) in run.outputs.enumerated() {
        output.write(text(of: item, at: index, in: run.outputs, options: options) + "\n")
      }
    }
    switch run.status {
    case .failed(let error), .allowedError(let error):
      diagnostics.write(error.rendered + "\n")
    case .ok, .notRun:
      break
    }
  }

  private func text(of item: DisplayItem, at index: Int, in outputs: [DisplayItem], options: CellOptions) -> String {
    func heading(_ kind: FloatKind) -> String {
      let number = counts[kind, default: 0] + 1
      counts[kind] = number
      let caption = ReportFloats.caption(of: item, at: index, in: outputs, options: options)
      return "\(kind.word) \(number)" + (caption.map { ": \($0)" } ?? "")
    }
    switch item {
    case .text(let text):
      return text.hasSuffix("\n") ? String(text.dropLast()) : text
    case .table(let table):
      return "\n" + heading(.table) + "\n" + TextTable.render(table)
    case .chart(let chart):
      return "\n" + heading(.figure) + "\n" + describeChart(chart.spec)
    }
  }
}
