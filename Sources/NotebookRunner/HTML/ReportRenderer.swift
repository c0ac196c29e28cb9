import Charts
import Foundation
import Kernel

/// Renders a ``NotebookRun`` to a self-contained HTML report and its JSON sidecar.
public struct ReportRenderer {
  /// The version named in the footer and the generator tag.
  public var version: String
  /// Draws a chart as inline SVG; the second argument prefixes the SVG's element ids.
  public var chartSVG: (ChartSpec, String) -> String

  /// Creates a renderer; charts are drawn by ``Charts/SVGRenderer`` unless another drawer is given.
  public init(version: String = NNLab.version, chartSVG: @escaping (ChartSpec, String) -> String = { SVGRenderer.render($0, id: $1) }) {
    self.version = version
    self.chartSVG = chartSVG
  }

  /// The HTML page of a run, its JSON sidecar, and warnings found while rendering.
  public func render(_ run: NotebookRun) -> RenderedReport {
    let floats = ReportFloats(run)
    var warnings = floats.warnings
    var body = header(run)
    body += tableOfContents(run.notebook.headings)
    body += "<main>\n"
    var cellPosition = 0
    var unknownLabels: Set<String> = []
    for block in run.notebook.blocks {
      switch block {
      case .prose(let prose):
        body += proseHTML(prose, floats: floats, unknown: &unknownLabels)
      case .cell:
        guard cellPosition < run.cells.count else { continue }
        body += cellHTML(run.cells[cellPosition], at: cellPosition, floats: floats)
        cellPosition += 1
      }
    }
    body += "</main>\n"
    for float in floats.all {
      for reference in CrossReferenceSyntax.references(in: float.caption ?? "")
      where floats.float(label: reference.label) == nil {
        unknownLabels.insert(reference.label)
      }
    }
    for label in unknownLabels.sorted() {
      let what = FloatKind(label: label) == .table ? "table" : "figure"
      if let line = floats.declaredLabels[label] {
        warnings.append(
          "\(run.notebook.path): warning: cross reference '@\(label)': the cell at line \(line) shows no \(what)")
      } else {
        warnings.append("\(run.notebook.path): warning: cross reference '@\(label)' names no \(what)")
      }
    }
    body += notes(run.notes + warnings)
    body += footer(run)
    let html = HTMLPage.document(title: run.notebook.displayTitle, body: body, version: version)
    let json = CacheFooter.adding(to: ReportSidecar.json(for: run, floats: floats), run).serialized() + "\n"
    return RenderedReport(html: html, json: json, warnings: warnings)
  }

  /// A page for a notebook that could not run at all (missing, not UTF-8, bad front matter, unknown profile).
  public func renderFailure(_ error: NotebookError, title: String? = nil) -> String {
    let shownTitle = title ?? Notebook(path: error.file, blocks: []).displayTitle
    var body = "<header class=\"report\">\n<h1>\(HTMLText.escape(shownTitle))</h1>\n"
    body += "<p class=\"banner\">This notebook could not be run.</p>\n</header>\n"
    body += "<div class=\"error-box\"><pre>\(HTMLText.escape(error.description))</pre></div>\n"
    body += "<footer class=\"report\"><p>Source: <code>\(HTMLText.escape(error.file))</code> · nnlab \(HTMLText.escape(version))</p></footer>\n"
    return HTMLPage.document(title: shownTitle, body: body, version: version)
  }

  // MARK: Page parts

  private func header(_ run: NotebookRun) -> String {
    let front = run.notebook.frontMatter
    var html = "<header class=\"report\">\n<h1>\(HTMLText.escape(run.notebook.displayTitle))</h1>\n"
    let byline = [front.author, front.date].compactMap { $0 }.filter { !$0.isEmpty }
    if !byline.isEmpty {
      html += "<p class=\"byline\">\(byline.map { HTMLText.escape($0) }.joined(separator: " · "))</p>\n"
    }
    if let description = front.description, !description.isEmpty {
      html += "<p class=\"description\">\(HTMLText.escape(description))</p>\n"
    }
    if let banner = Self.banner(run) {
      html += "<p class=\"banner\">\(HTMLText.escape(banner))</p>\n"
    }
    return html + "</header>\n"
  }

  /// The warning at the top of a report whose run did not complete.
  static func banner(_ run: NotebookRun) -> String? {
    let failed = run.failedCount
    let notRun = run.cells.filter(\.status.isNotRun).count
    var parts: [String] = []
    if run.interrupted { parts.append("The run was interrupted.") }
    if failed > 0 {
      parts.append(failed == 1 ? "1 of \(run.cells.count) cells failed." : "\(failed) of \(run.cells.count) cells failed.")
    }
    if notRun > 0 { parts.append(notRun == 1 ? "1 cell did not run." : "\(notRun) cells did not run.") }
    return parts.isEmpty ? nil : parts.joined(separator: " ")
  }

  private func tableOfContents(_ headings: [Heading]) -> String {
    guard headings.count > 1 else { return "" }
    let top = headings.map(\.level).min() ?? 1
    var html = "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
    for heading in headings where heading.level - top < 3 {
      html += "<li class=\"toc-\(heading.level - top + 1)\"><a href=\"#\(heading.id)\">\(HTMLText.escape(heading.text))</a></li>\n"
    }
    return html + "</ol>\n</nav>\n"
  }

  private func proseHTML(_ prose: Prose, floats: ReportFloats, unknown: inout Set<String>) -> String {
    var html = ""
    for fragment in prose.fragments {
      switch fragment {
      case .html(let text):
        html += text
      case .reference(let label):
        if floats.float(label: label) == nil { unknown.insert(label) }
        html += Self.referenceHTML(label, floats: floats)
      }
    }
    return html
  }

  /// A link to a labelled float ("Table 2"), or a visible marker when the label names nothing.
  static func referenceHTML(_ label: String, floats: ReportFloats) -> String {
    // Labels only hold letters, digits, '-' and '_' (CrossReferenceSyntax), so they are safe in ids.
    if let float = floats.float(label: label) {
      return "<a class=\"xref\" href=\"#\(float.id)\">\(float.name)</a>"
    }
    return "<span class=\"xref-missing\" title=\"no table or figure is labelled \(label)\">@\(label)?</span>"
  }

  /// Plain text escaped, with its `@tbl-x` / `@fig-x` references turned into links (captions).
  static func linkedText(_ text: String, floats: ReportFloats) -> String {
    var html = ""
    var position = text.startIndex
    for reference in CrossReferenceSyntax.references(in: text) {
      html += HTMLText.escape(text[position..<reference.range.lowerBound])
      html += referenceHTML(reference.label, floats: floats)
      position = reference.range.upperBound
    }
    return html + HTMLText.escape(text[position...])
  }

  private func notes(_ notes: [String]) -> String {
    guard !notes.isEmpty else { return "" }
    return "<aside class=\"notes\">\n<ul>\n"
      + notes.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined()
      + "</ul>\n</aside>\n"
  }

  private func footer(_ run: NotebookRun) -> String {
    var html = "<footer class=\"report\">\n<h2>Parameters</h2>\n"
    if run.parameters.fields.isEmpty {
      html += "<p>This notebook has no parameters.</p>\n"
    } else {
      html += "<table>\n"
      for field in run.parameters.fields {
        html += "<tr><td><code>\(HTMLText.escape(field.key))</code></td><td><code>\(HTMLText.escape(ValueText.format(field.value)))</code></td></tr>\n"
      }
      html += "</table>\n"
    }
    if let profile = run.profile {
      html += "<p>Profile: <code>\(HTMLText.escape(profile))</code></p>\n"
    }
    let cells = run.cells.count
    html += "<p>Ran \(Self.timestamp(run.startedAt)) in \(ProgressText.duration(run.duration)) · "
    html += "\(cells) \(cells == 1 ? "cell" : "cells"), \(run.failedCount) failed · nnlab \(HTMLText.escape(version))</p>\n"
    html += "<p>Source: <code>\(HTMLText.escape(run.notebook.path))</code></p>\n"
    html += CacheFooter.html(run)
    if let provenance = run.provenance { html += Self.provenanceHTML(provenance, cells: run.cells) }
    return html + "</footer>\n"
  }

  /// `2025-03-01 14:05 UTC`: the same text whatever the machine's time zone.
  static func timestamp(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return formatter.string(from: date)
  }
}

/// A rendered report: the page, its sidecar, and warnings to show in the terminal too.
public struct RenderedReport: Sendable {
  /// The self-contained HTML page.
  public var html: String
  /// The JSON sidecar: every table and chart with labels and captions.
  public var json: String
  /// Labels that name nothing and similar problems (also listed in the page).
  public var warnings: [String]
}
