/// The cell cache's part of a report: hits and runs per cell, in the footer and the JSON.
enum CacheFooter {
  /// `<h2>Cell cache</h2>` and one line per cell, or nothing when the cache was off.
  static func html(_ run: NotebookRun) -> String {
    let statuses = run.cells.compactMap { cell in cell.cache.map { (cell, $0) } }
    guard !statuses.isEmpty else { return "" }
    let hits = statuses.filter { $0.1.isHit }.count
    var html = "<h2>Cell cache</h2>\n<p>\(hits) of \(statuses.count) cells restored from the cache"
    if let cold = run.coldDuration {
      html += "; the run took \(ProgressText.duration(run.duration)), computing every cell would take about \(ProgressText.duration(cold))"
    }
    html += ".</p>\n<table>\n"
    for (cell, status) in statuses {
      let name = cell.cell.options.label.map { "cell \(cell.cell.index + 1) (\($0))" } ?? "cell \(cell.cell.index + 1)"
      var detail = ""
      switch status {
      case .hit(let seconds): detail = seconds.map { "computed in \(ProgressText.duration($0))" } ?? ""
      case .ran(let reason), .uncached(let reason): detail = reason
      }
      html += "<tr><td>\(HTMLText.escape(name))</td><td>\(status.word)</td><td>\(HTMLText.escape(detail))</td></tr>\n"
    }
    return html + "</table>\n"
  }

  /// The sidecar with a `cache` field added when the cache was on.
  static func adding(to document: JSONValue, _ run: NotebookRun) -> JSONValue {
    guard case .object(var fields) = document, let cache = json(run) else { return document }
    fields.append(("cache", cache))
    return .object(fields)
  }

  /// `[{cell, status, reason}]`, or `nil` when the cache was off (so runs without it diff as before).
  static func json(_ run: NotebookRun) -> JSONValue? {
    let entries: [JSONValue] = run.cells.compactMap { cell in
      guard let status = cell.cache else { return nil }
      var reason: JSONValue = .null
      var computed: JSONValue = .null
      switch status {
      case .hit(let seconds): computed = seconds.map(JSONValue.finite) ?? .null
      case .ran(let text), .uncached(let text): reason = .string(text)
      }
      return .object([
        ("cell", .number(Double(cell.cell.index + 1))), ("status", .string(status.word)), ("reason", reason),
        ("computed_seconds", computed),
      ])
    }
    return entries.isEmpty ? nil : .array(entries)
  }
}
