import Charts
import Kernel
import Testing
@testable import NotebookRunner

/// Nothing a notebook or a run contains reaches a report unescaped.
@Suite struct HostileInputTests {
  static let attack = "<script>alert('x')</script>"

  @Test func everyStringIsEscaped() throws {
    let text = """
      ---
      title: "\(Self.attack)"
      author: "\(Self.attack)"
      date: "\(Self.attack)"
      description: "\(Self.attack)"
      params:
        evil: "\(Self.attack)"
      ---

      # Heading \(Self.attack)

      Prose \(Self.attack) and <iframe src="x"></iframe> and [a](javascript:alert(1)).

      ```lab
      #| caption: \(Self.attack)
      #| label: tbl-x
      x = "\(Self.attack)" # \(Self.attack)
      ```
      """
    let notebook = try parse(text)
    let cell = notebook.cells[0]
    let table = TableDisplay(
      columns: [Self.attack], rows: [[TableCell(text: Self.attack)]], caption: Self.attack)
    let chart = ChartSpec(kind: .bar, title: Self.attack, series: [.init(name: Self.attack, y: [1])], categories: [Self.attack])
    let error = LabError(Self.attack, at: SourceLocation(file: "nb.md", line: 16, column: 1), sourceLine: Self.attack, notes: [Self.attack])
    let run = NotebookRun(
      notebook: notebook, parameters: notebook.frontMatter.params, profile: Self.attack,
      cells: [CellRun(cell: cell, status: .allowedError(error), outputs: [
        .text(Self.attack), .table(table), .chart(ChartDisplay(spec: chart, caption: Self.attack)),
      ])],
      startedAt: testDate, duration: 1, notes: [Self.attack])
    // The real chart renderer: it must escape what it draws too.
    let report = ReportRenderer().render(run)
    #expect(!report.html.contains("<script"))
    #expect(!report.html.contains("<iframe"))
    #expect(!report.html.contains("javascript:"))
    #expect(report.html.contains("&lt;script&gt;"))
    #expect(!report.json.contains("<script"), "the sidecar escapes '<' too")

    let failure = ReportRenderer().renderFailure(NotebookError(Self.attack, file: "<b>.md", line: 1), title: Self.attack)
    #expect(!failure.contains("<script"))
    #expect(!failure.contains("<b>"))
  }

  @Test func indexEscapesTitlesAndPaths() {
    let entry = SiteEntry(
      path: "<x>.md", reportName: "\"><script>.html", title: Self.attack, description: Self.attack,
      status: .error(NotebookError(Self.attack, file: "<x>.md")), cellCount: 0, duration: 0)
    let html = IndexPage.render([entry], version: "<v>", hasReference: true)
    #expect(!html.contains("<script"))
    #expect(!html.contains("<x>"))
    #expect(!html.contains("<v>"))
  }
}
