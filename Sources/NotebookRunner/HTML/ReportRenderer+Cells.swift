import Kernel

extension ReportRenderer {
  /// One cell: its code (unless `echo: false`), its outputs (unless `output: false`), its error.
  func cellHTML(_ cellRun: CellRun, at position: Int, floats: ReportFloats) -> String {
    let cell = cellRun.cell
    let options = cell.options
    var classes = ["cell"]
    var status = ""
    switch cellRun.status {
    case .ok: break
    case .failed:
      classes.append("failed")
      status = "<span class=\"status status-failed\">failed</span>"
    case .allowedError:
      status = "<span class=\"status status-allowed\">error allowed</span>"
    case .notRun(let reason):
      classes.append("not-run")
      status = "<span class=\"status status-not-run\">not run: \(HTMLText.escape(reason))</span>"
    }

    var html = "<section class=\"\(classes.joined(separator: " "))\" id=\"cell-\(cell.index + 1)\">\n"
    if options.echo || !status.isEmpty {
      var meta = "cell \(cell.index + 1) · line \(cell.displayLine)"
      if !status.isEmpty { meta += " · " + status }
      let time = cellRun.duration >= 0.1 ? ProgressText.duration(cellRun.duration) : ""
      html += "<div class=\"cell-meta\"><span>\(meta)</span><span>\(time)</span></div>\n"
    }
    if options.echo {
      html += "<pre class=\"code hl\"><code>\(LabHighlighter.highlight(cell.displaySource))</code></pre>\n"
    }
    if options.output {
      html += outputsHTML(cellRun.outputs, cellPosition: position, floats: floats)
    }
    if let error = cellRun.status.error {
      let allowed = !cellRun.status.isFailure
      // The message line wraps; the source line and its caret stay aligned in a <pre>.
      let rendered = error.rendered
      let message = rendered.prefix { $0 != "\n" }
      let snippet = rendered.dropFirst(message.count).drop { $0 == "\n" }
      html += "<div class=\"error-box\(allowed ? " allowed" : "")\" role=\"alert\">"
      html += "<p class=\"error-message\">\(HTMLText.escape(message))</p>"
      if !snippet.isEmpty { html += "<pre>\(HTMLText.escape(snippet))</pre>" }
      html += "</div>\n"
    }
    return html + "</section>\n"
  }

  private func outputsHTML(_ outputs: [DisplayItem], cellPosition: Int, floats: ReportFloats) -> String {
    var html = ""
    var pendingText: [String] = []
    func flushText() {
      guard !pendingText.isEmpty else { return }
      // Printed prose may name a table or figure ("see @tbl-sweep"): the reference links, as in captions.
      html += "<pre class=\"output\">\(Self.linkedText(pendingText.joined(separator: "\n"), floats: floats))</pre>\n"
      pendingText = []
    }
    for (index, output) in outputs.enumerated() {
      switch output {
      case .text(let text):
        pendingText.append(text.hasSuffix("\n") ? String(text.dropLast()) : text)
      case .table(let table):
        flushText()
        html += tableHTML(table, float: floats.float(cell: cellPosition, output: index), floats: floats)
      case .chart(let chart):
        flushText()
        html += chartHTML(chart, float: floats.float(cell: cellPosition, output: index), floats: floats)
      }
    }
    flushText()
    return html
  }

  private func caption(_ float: ReportFloats.Float?, floats: ReportFloats) -> String {
    guard let float else { return "" }
    var html = "<span class=\"float-number\">\(float.name)\(float.caption == nil ? "" : ":")</span>"
    if let caption = float.caption { html += " " + Self.linkedText(caption, floats: floats) }
    return html
  }

  private func tableHTML(_ table: TableDisplay, float: ReportFloats.Float?, floats: ReportFloats) -> String {
    let numeric = table.columns.indices.map { column in
      let cells = table.rows.compactMap { column < $0.count ? $0[column] : nil }.filter { !$0.text.isEmpty }
      return !cells.isEmpty && cells.allSatisfy { $0.number != nil }
    }
    var html = "<figure class=\"table\"\(float.map { " id=\"\($0.id)\"" } ?? "")>\n"
    if float != nil { html += "<figcaption>\(caption(float, floats: floats))</figcaption>\n" }
    html += "<div class=\"table-scroll\"><table>\n<thead><tr>"
    for (column, name) in table.columns.enumerated() {
      html += "<th\(numeric[column] ? " class=\"num\"" : "") scope=\"col\">\(HTMLText.escape(name))</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      html += "<tr>"
      for (column, cell) in row.enumerated() {
        let isNumber = cell.number != nil || (column < numeric.count && numeric[column])
        let text = cell.number != nil ? HTMLText.escape(cell.text) : Self.linkedText(cell.text, floats: floats)
        html += "<td\(isNumber ? " class=\"num\"" : "")>\(text)</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table></div>\n</figure>\n"
  }

  private func chartHTML(_ chart: ChartDisplay, float: ReportFloats.Float?, floats: ReportFloats) -> String {
    let id = float?.id ?? "chart"
    var html = "<figure class=\"chart\"\(float.map { " id=\"\($0.id)\"" } ?? "")>\n"
    // The SVG comes from Charts, which escapes every text it draws.
    html += "<div class=\"plot\">\(chartSVG(chart.spec, "svg-" + id))</div>\n"
    if float != nil { html += "<figcaption>\(caption(float, floats: floats))</figcaption>\n" }
    return html + "</figure>\n"
  }
}
