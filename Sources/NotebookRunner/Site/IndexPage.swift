/// The site's `index.html`: every notebook with its description, status and run time.
enum IndexPage {
  /// The page for `entries`.
  static func render(_ entries: [SiteEntry], version: String, hasReference: Bool) -> String {
    let failed = entries.filter { !$0.isOK }.count
    var body = "<header class=\"report\">\n<h1>nnlab reports</h1>\n"
    body += "<p class=\"description\">\(entries.count) \(entries.count == 1 ? "notebook" : "notebooks")"
    body += failed == 0 ? ", all ran without errors." : ", \(failed) with problems."
    body += "</p>\n</header>\n"
    body += "<main>\n<table class=\"index\">\n<thead><tr><th scope=\"col\">Notebook</th><th scope=\"col\">Status</th>"
    body += "<th scope=\"col\" class=\"num\">Run time</th></tr></thead>\n<tbody>\n"
    for entry in entries {
      body += "<tr><td><a class=\"title\" href=\"\(HTMLText.escape(entry.reportName))\">\(HTMLText.escape(entry.title))</a>"
      if let description = entry.description, !description.isEmpty {
        body += "<div class=\"summary\">\(HTMLText.escape(description))</div>"
      }
      body += "<div class=\"summary\"><code>\(HTMLText.escape(entry.path))</code></div></td>"
      body += "<td>\(badge(entry))</td>"
      var time = entry.cellCount > 0 ? ProgressText.duration(entry.duration) : "–"
      // A restored notebook's cold time, where it tells the reader something (a second or more).
      if let cold = entry.coldDuration, entry.cellCount > 0, cold >= entry.duration + 1 {
        time += "<div class=\"summary\">from the cache; \(ProgressText.duration(cold)) computed</div>"
      }
      body += "<td class=\"num\">\(time)</td></tr>\n"
    }
    body += "</tbody>\n</table>\n</main>\n"
    body += "<footer class=\"report\"><p>"
    if hasReference { body += "<a href=\"reference.html\">Language reference</a> · " }
    body += "nnlab \(HTMLText.escape(version))</p></footer>\n"
    return HTMLPage.document(title: "nnlab reports", body: body, version: version)
  }

  /// The status pill: ok, failed with counts, error with its message as a tooltip.
  static func badge(_ entry: SiteEntry) -> String {
    switch entry.status {
    case .ok:
      return "<span class=\"badge badge-ok\">ok · \(entry.cellCount) cells</span>"
    case .failed(let failedCells, let notRun):
      var text = failedCells == 1 ? "1 cell failed" : "\(failedCells) cells failed"
      if failedCells == 0 { text = "incomplete" }
      if notRun > 0 { text += " · \(notRun) not run" }
      return "<span class=\"badge badge-failed\">\(text)</span>"
    case .error(let error):
      return "<span class=\"badge badge-error\" title=\"\(HTMLText.escape(error.description))\">error</span>"
        + "<div class=\"summary\">\(HTMLText.escape(error.message))</div>"
    case .interrupted:
      return "<span class=\"badge badge-failed\">interrupted</span>"
    }
  }
}
