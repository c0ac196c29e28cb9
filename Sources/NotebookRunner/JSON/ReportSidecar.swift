import Kernel

/// The JSON written beside each report: every table and chart with its number, label and
/// caption, the parameters, and the errors; times and the machine only under `provenance`, and
/// the cell cache's hits under `cache` (added beside it by ``CacheFooter``), so two runs diff
/// cleanly once those two keys are set aside.
enum ReportSidecar {
  /// The sidecar document of a run.
  static func json(for run: NotebookRun, floats: ReportFloats) -> JSONValue {
    var tables: [JSONValue] = []
    var charts: [JSONValue] = []
    for float in floats.all {
      let cellRun = run.cells[float.cellIndex]
      var fields: [(String, JSONValue)] = [
        ("number", .number(Double(float.number))),
        ("id", .string(float.id)),
        ("label", float.label.map(JSONValue.string) ?? .null),
        ("caption", float.caption.map(JSONValue.string) ?? .null),
        ("cell", .number(Double(cellRun.cell.index + 1))),
        ("line", .number(Double(cellRun.cell.line))),
      ]
      switch cellRun.outputs[float.outputIndex] {
      case .table(let table):
        fields.append(("columns", .array(table.columns.map(JSONValue.string))))
        fields.append(("rows", .array(table.rows.map { row in .array(row.map(cellValue)) })))
        tables.append(.object(fields))
      case .chart(let chart):
        fields.append(("spec", JSONValue.encoding(chart.spec)))
        charts.append(.object(fields))
      case .text:
        continue
      }
    }

    let errors: [JSONValue] = run.cells.compactMap { cellRun in
      guard let error = cellRun.status.error else { return nil }
      return .object([
        ("cell", .number(Double(cellRun.cell.index + 1))),
        ("line", .number(Double(cellRun.cell.line))),
        ("allowed", .bool(!cellRun.status.isFailure)),
        ("location", error.location.map { .string($0.description) } ?? .null),
        ("message", .string(error.message)),
      ])
    }

    var document: [(String, JSONValue)] = [
      ("notebook", .string(run.notebook.path)),
      ("title", .string(run.notebook.displayTitle)),
      ("profile", run.profile.map(JSONValue.string) ?? .null),
      ("parameters", json(.record(run.parameters))),
      ("cells", .number(Double(run.cells.count))),
      ("failed", .number(Double(run.failedCount))),
      ("not_run", .number(Double(run.cells.filter(\.status.isNotRun).count))),
      ("tables", .array(tables)),
      ("charts", .array(charts)),
      ("errors", .array(errors)),
    ]
    if let provenance = run.provenance {
      document.append(("provenance", json(provenance, cells: run.cells, duration: run.duration, cold: run.coldDuration)))
    }
    return .object(document)
  }

  /// The provenance record, with each cell's time and status.
  private static func json(_ provenance: Provenance, cells: [CellRun], duration: Double, cold: Double?) -> JSONValue {
    .object([
      ("version", .string(provenance.version)),
      ("commit", provenance.commit.map(JSONValue.string) ?? .null),
      ("cpu", .string(provenance.cpu)),
      ("cpu_vector_extensions", .array(provenance.cpuVectorExtensions.map(JSONValue.string))),
      ("kernel_isa", .string(provenance.kernelISA)),
      ("blas", .string(provenance.blas)),
      ("blas_core", .string(provenance.blasCore)),
      ("openblas_coretype", provenance.blasCoreOverride.map(JSONValue.string) ?? .null),
      ("threads", .number(Double(provenance.threads))),
      ("system", .string(provenance.system)),
      ("duration", .finite(duration)),
    ] + (cold.map { [("cold_duration", .finite($0))] } ?? []) + [
      ("seeds", .object(provenance.seeds.map { ($0.name, .string($0.value)) })),
      ("data", .array(provenance.dataFiles.map { file in
        .object([("path", .string(file.path)), ("bytes", .number(Double(file.bytes))), ("digest", .string(file.digest))])
      })),
      ("cells", .array(cells.map { cell in
        .object([
          ("cell", .number(Double(cell.cell.index + 1))),
          ("line", .number(Double(cell.cell.line))),
          ("label", cell.cell.options.label.map(JSONValue.string) ?? .null),
          ("status", .string(ReportRenderer.statusText(cell.status))),
          ("seconds", .finite(cell.duration)),
        ])
      })),
    ])
  }

  /// A table cell: its raw number when it has one, else its text.
  private static func cellValue(_ cell: TableCell) -> JSONValue {
    cell.number.map(JSONValue.finite) ?? .string(cell.text)
  }

  /// A parameter value.
  private static func json(_ value: Value) -> JSONValue {
    switch value {
    case .none: return .null
    case .bool(let flag): return .bool(flag)
    case .number(let number): return .finite(number)
    case .string(let text): return .string(text)
    case .list(let items): return .array(items.map(json))
    case .record(let record): return .object(record.fields.map { ($0.key, json($0.value)) })
    default: return .string(ValueText.format(value))
    }
  }
}
