/// The footer's provenance: which build, machine and libraries made the report, and each cell's time.
extension ReportRenderer {
  static func provenanceHTML(_ provenance: Provenance, cells: [CellRun]) -> String {
    var rows: [(String, String)] = [
      ("nnlab", provenance.version + (provenance.commit.map { ", commit \($0)" } ?? "")),
      ("CPU", provenance.cpu),
      ("Vector extensions", provenance.cpuVectorExtensions.isEmpty ? "none known" : provenance.cpuVectorExtensions.joined(separator: ", ")),
      ("Engine loops", provenance.kernelISA),
      ("BLAS", provenance.blas),
      ("BLAS kernel", provenance.blasCore + (provenance.blasCoreOverride.map { " (OPENBLAS_CORETYPE=\($0))" } ?? "")),
      ("Threads", String(provenance.threads)),
      ("System", provenance.system),
    ]
    if !provenance.seeds.isEmpty {
      rows.append(("Seeds", provenance.seeds.map { "\($0.name) = \($0.value)" }.joined(separator: "; ")))
    }
    for file in provenance.dataFiles {
      rows.append(("Data file", "\(file.path) (\(file.bytes) bytes, SHA-256 \(file.digest))"))
    }
    var html = "<h2>Provenance</h2>\n<table class=\"provenance\">\n"
    for (name, value) in rows {
      html += "<tr><td>\(HTMLText.escape(name))</td><td><code>\(HTMLText.escape(value))</code></td></tr>\n"
    }
    html += "</table>\n"
    html += "<details class=\"cell-times\"><summary>Cell times</summary>\n<table>\n"
    html += "<tr><th>Cell</th><th>Line</th><th>Label</th><th>Status</th><th>Time</th></tr>\n"
    for cell in cells {
      html += "<tr><td>\(cell.cell.index + 1)</td><td>\(cell.cell.line)</td>"
      html += "<td>\(cell.cell.options.label.map { "<code>\(HTMLText.escape($0))</code>" } ?? "")</td>"
      html += "<td>\(statusText(cell.status))</td><td>\(HTMLText.escape(ProgressText.duration(cell.duration)))</td></tr>\n"
    }
    return html + "</table>\n</details>\n"
  }

  /// `ok`, `failed`, `error allowed`, `not run`.
  static func statusText(_ status: CellRun.Status) -> String {
    switch status {
    case .ok: "ok"
    case .failed: "failed"
    case .allowedError: "error allowed"
    case .notRun: "not run"
    }
  }
}
