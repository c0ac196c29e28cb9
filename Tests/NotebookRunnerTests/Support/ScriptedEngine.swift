import Charts
import Foundation
import Kernel
@testable import NotebookRunner

/// A stand-in kernel whose cells are scripts of one command per line, so the runner can be
/// tested without the language:
///
/// - `print TEXT`: a text output
/// - `table CAPTION?`: a two-column table (`name`, `value`) with rows a=1 and b=2.5
/// - `chart CAPTION?`: a line chart
/// - `fail MESSAGE`: stops the cell with an error at that line
/// - `hang`: blocks until interrupted, then fails with "interrupted"
/// - `progress N`: reports N progress events of task `epoch`
/// - `params`: prints the params record
/// Lines starting with `#` (options, comments) are ignored.
final class ScriptedEngine: CellEngine, @unchecked Sendable {
  var onProgress: (@Sendable (ProgressEvent) -> Void)?
  let file: String
  let params: Record
  private(set) var ranLines: [Int] = []
  private(set) var timeouts: [Double?] = []
  private let interruptSignal = DispatchSemaphore(value: 0)

  init(file: String, params: Record) {
    self.file = file
    self.params = params
  }

  /// A factory that also keeps every engine it made.
  final class Factory: @unchecked Sendable {
    private(set) var engines: [ScriptedEngine] = []
    var make: CellEngineFactory {
      { file, params in
        let engine = ScriptedEngine(file: file, params: params)
        self.engines.append(engine)
        return engine
      }
    }
  }

  func runCell(_ source: String, line: Int, column: Int, timeout: Double?) -> CellOutcome {
    ranLines.append(line)
    timeouts.append(timeout)
    var outputs: [DisplayItem] = []
    for (offset, text) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let (command, argument) = Self.split(trimmed)
      let location = SourceLocation(file: file, line: line + offset, column: column)
      switch command {
      case "print":
        outputs.append(.text(argument))
      case "table":
        outputs.append(.table(TableDisplay(
          columns: ["name", "value"],
          rows: [[TableCell(text: "a"), TableCell(text: "1", number: 1)],
                 [TableCell(text: "b"), TableCell(text: "2.50", number: 2.5)]],
          caption: argument.isEmpty ? nil : argument)))
      case "row":
        outputs.append(.table(TableDisplay(columns: ["note"], rows: [[TableCell(text: argument)]])))
      case "chart":
        let spec = ChartSpec(kind: .line, title: "loss", xLabel: "epoch", yLabel: "loss",
                             series: [.init(name: "train", x: [1, 2, 3], y: [0.9, 0.5, 0.3])])
        outputs.append(.chart(ChartDisplay(spec: spec, caption: argument.isEmpty ? nil : argument)))
      case "fail":
        return CellOutcome(outputs: outputs, error: LabError(argument, at: location, sourceLine: String(text)))
      case "hang":
        interruptSignal.wait()
        return CellOutcome(outputs: outputs, error: LabError("interrupted", at: location, sourceLine: String(text)))
      case "progress":
        let count = Int(argument) ?? 1
        for done in 1...count { onProgress?(ProgressEvent(task: "epoch", done: done, total: count)) }
      case "params":
        outputs.append(.text(ValueText.format(.record(params))))
      default:
        return CellOutcome(outputs: outputs, error: LabError("unknown command '\(command)'", at: location))
      }
    }
    return CellOutcome(outputs: outputs)
  }

  func interrupt() {
    interruptSignal.signal()
  }

  private static func split(_ line: String) -> (String, String) {
    guard let space = line.firstIndex(of: " ") else { return (line, "") }
    return (String(line[..<space]), String(line[line.index(after: space)...]))
  }
}

/// A deterministic chart drawer, so report snapshots do not change when Charts' drawing does.
func fakeChartSVG(_ spec: ChartSpec, _ id: String) -> String {
  "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" width=\"640\" height=\"360\"><title>\(spec.title ?? "")</title></svg>"
}

/// The date every test run reports: 2025-03-01 12:00 UTC.
let testDate = Date(timeIntervalSince1970: 1_740_830_400)

/// Parses notebook text, failing the test on a parse error.
func parse(_ text: String, path: String = "nb.md") throws -> Notebook {
  try NotebookParser.parse(text, path: path)
}

/// Runs notebook text through the scripted engine with a fixed clock.
func runScripted(_ text: String, path: String = "nb.md", options: RunOptions = RunOptions()) throws -> NotebookRun {
  let factory = ScriptedEngine.Factory()
  let executor = NotebookExecutor(options: options, makeEngine: factory.make, clock: FixedClock(date: testDate))
  return try executor.run(try parse(text, path: path))
}

/// A fresh empty folder under the temporary directory.
func temporaryFolder(_ name: String = #function) throws -> String {
  let safe = name.filter { $0.isLetter || $0.isNumber }
  let path = NSTemporaryDirectory() + "nnlab-tests-\(safe)-\(UUID().uuidString.prefix(8))"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}
