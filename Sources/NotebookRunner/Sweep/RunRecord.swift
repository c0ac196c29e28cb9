import Charts
import Foundation
import Kernel

/// Every output of a run, as JSON, so a sweep's points can run in processes of their own and
/// the sweep still build its summary from their outputs (`nnlab render --emit-run FILE`).
struct RunRecord: Codable {
  /// One output of a cell.
  struct Output: Codable {
    var text: String?
    var columns: [String]?
    var rows: [[TableCellRecord]]?
    var caption: String?
    var spec: ChartSpec?
  }

  /// One table cell.
  struct TableCellRecord: Codable {
    var text: String
    var number: Double?
  }

  /// How one cell ended, and its outputs.
  struct Cell: Codable {
    /// `ok`, `failed`, `allowed` or `notRun`.
    var status: String
    var message: String?
    var file: String?
    var line: Int?
    var column: Int?
    var sourceLine: String?
    var notes: [String]?
    var reason: String?
    var duration: Double
    var outputs: [Output]
  }

  var cells: [Cell]
  var duration: Double
  var interrupted: Bool
  var notes: [String]

  /// The record of `run`.
  init(_ run: NotebookRun) {
    cells = run.cells.map { cellRun in
      var cell = Cell(status: "ok", duration: cellRun.duration, outputs: cellRun.outputs.map(Self.output))
      switch cellRun.status {
      case .ok: break
      case .failed(let error), .allowedError(let error):
        if case .failed = cellRun.status { cell.status = "failed" } else { cell.status = "allowed" }
        cell.message = error.message
        cell.file = error.location?.file
        cell.line = error.location?.line
        cell.column = error.location?.column
        cell.sourceLine = error.sourceLine
        cell.notes = error.notes
      case .notRun(let reason):
        cell.status = "notRun"
        cell.reason = reason
      }
      return cell
    }
    duration = run.duration
    interrupted = run.interrupted
    notes = run.notes
  }

  private static func output(_ item: DisplayItem) -> Output {
    switch item {
    case .text(let text):
      return Output(text: text)
    case .table(let table):
      return Output(
        columns: table.columns, rows: table.rows.map { $0.map { TableCellRecord(text: $0.text, number: $0.number) } },
        caption: table.caption)
    case .chart(let chart):
      return Output(caption: chart.caption, spec: chart.spec)
    }
  }

  /// The run this record describes, for `notebook` (parsed again from its source) and `parameters`.
  func run(of notebook: Notebook, parameters: Record, profile: String?) -> NotebookRun? {
    guard cells.count == notebook.cells.count else { return nil }
    let cellRuns = zip(notebook.cells, cells).map { cell, record in
      CellRun(cell: cell, status: record.cellStatus, outputs: record.outputs.map(\.displayItem), duration: record.duration)
    }
    return NotebookRun(
      notebook: notebook, parameters: parameters, profile: profile, cells: cellRuns, startedAt: Date(),
      duration: duration, notes: notes, interrupted: interrupted)
  }

  /// Writes the record as JSON (NaN and infinities as strings).
  func write(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  /// Reads a record written by ``write(to:)``.
  static func read(from path: String) throws -> RunRecord {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(RunRecord.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  }
}

extension RunRecord.Cell {
  var cellStatus: CellRun.Status {
    let error = LabError(
      message ?? "", at: file.map { SourceLocation(file: $0, line: line ?? 1, column: column ?? 1) },
      sourceLine: sourceLine, notes: notes ?? [])
    switch status {
    case "failed": return .failed(error)
    case "allowed": return .allowedError(error)
    case "notRun": return .notRun(reason: reason ?? "")
    default: return .ok
    }
  }
}

extension RunRecord.Output {
  var displayItem: DisplayItem {
    if let spec { return .chart(ChartDisplay(spec: spec, caption: caption)) }
    if let columns, let rows {
      return .table(TableDisplay(
        columns: columns, rows: rows.map { $0.map { TableCell(text: $0.text, number: $0.number) } }, caption: caption))
    }
    return .text(text ?? "")
  }
}
