import Foundation
import Kernel

/// `nnlab check`: re-runs notebooks and compares every table and chart with the JSON sidecar of
/// the report in a site folder, within each notebook's tolerances (an nbval for tables and figures).
public struct NotebookChecker {
  /// Parameters, failure policy and limits; the profile defaults to the one the report was made with.
  public var options: RunOptions
  /// The site folder holding the reports (`site/`).
  public var against: String
  /// Makes the engine (`nil`: a kernel ``Session``).
  public var makeEngine: CellEngineFactory?
  /// Routes Ctrl-C to the running cell.
  public var interrupts: InterruptController?
  /// Shows progress.
  public var progress: ExecutionObserver?
  /// Receives each difference and each notebook's verdict.
  public var output: TextSink

  /// Creates a checker.
  public init(
    options: RunOptions = RunOptions(), against: String, makeEngine: CellEngineFactory? = nil,
    interrupts: InterruptController? = nil, progress: ExecutionObserver? = nil, output: TextSink
  ) {
    self.options = options
    self.against = against
    self.makeEngine = makeEngine
    self.interrupts = interrupts
    self.progress = progress
    self.output = output
  }

  /// What checking one notebook found.
  public struct Outcome: Sendable {
    /// The notebook.
    public var path: String
    /// Differences out of tolerance.
    public var differences: [CheckDifference]
    /// Why the notebook could not be compared at all (no stored report, could not run), if so.
    public var problem: String?
    /// Tables and charts compared.
    public var tables: Int
    public var charts: Int

    /// Whether the notebook matches its report.
    public var passed: Bool { problem == nil && differences.isEmpty }
  }

  /// Checks every notebook under `paths`; prints as it goes. Exit status 0 when all match, else 1.
  public func check(_ paths: [String]) -> (outcomes: [Outcome], exitStatus: Int32) {
    var outcomes: [Outcome] = []
    for item in NotebookDiscovery.find(paths) {
      if interrupts?.wasInterrupted == true { break }
      let outcome = check(item)
      outcomes.append(outcome)
      if let problem = outcome.problem {
        output.write("\(item.path): cannot check: \(problem)\n")
        continue
      }
      for difference in outcome.differences { output.write(difference.description + "\n") }
      let compared = "\(outcome.tables) \(outcome.tables == 1 ? "table" : "tables"), \(outcome.charts) \(outcome.charts == 1 ? "chart" : "charts")"
      output.write(
        outcome.passed
          ? "\(item.path): matches \(sidecarPath(item)) (\(compared))\n"
          : "\(item.path): \(outcome.differences.count) \(outcome.differences.count == 1 ? "difference" : "differences") out of tolerance (\(compared) compared)\n")
    }
    if interrupts?.wasInterrupted == true { return (outcomes, 130) }
    return (outcomes, outcomes.allSatisfy(\.passed) ? 0 : 1)
  }

  private func sidecarPath(_ item: NotebookDiscovery.Item) -> String {
    (against as NSString).appendingPathComponent(String(item.reportName.dropLast(5)) + ".json")
  }

  private func check(_ item: NotebookDiscovery.Item) -> Outcome {
    var outcome = Outcome(path: item.path, differences: [], problem: nil, tables: 0, charts: 0)
    let storedPath = sidecarPath(item)
    guard let data = FileManager.default.contents(atPath: storedPath) else {
      outcome.problem = "no report at \(storedPath) (render it first, or give --against)"
      return outcome
    }
    guard let stored = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
      outcome.problem = "\(storedPath) is not a report sidecar (JSON)"
      return outcome
    }
    let notebook: Notebook
    do {
      notebook = try NotebookParser.load(path: item.path)
    } catch {
      outcome.problem = error.description
      return outcome
    }
    var options = options
    options.recordsProvenance = false
    if options.profile == nil { options.profile = stored["profile"] as? String }
    let executor = NotebookExecutor(options: options, makeEngine: makeEngine, interrupts: interrupts, observer: progress)
    let run: NotebookRun
    do {
      run = try executor.run(notebook)
    } catch {
      outcome.problem = error.description
      return outcome
    }
    let report = ReportRenderer().render(run)
    guard let fresh = (try? JSONSerialization.jsonObject(with: Data(report.json.utf8))) as? [String: Any] else {
      outcome.problem = "the fresh sidecar is not JSON (a bug in nnlab)"
      return outcome
    }
    var comparison = SidecarComparison(notebook: notebook)
    comparison.compare(fresh: fresh, stored: stored)
    outcome.differences = comparison.differences
    outcome.tables = comparison.tablesCompared
    outcome.charts = comparison.chartsCompared
    if run.interrupted { outcome.problem = "interrupted" }
    return outcome
  }
}
