import Foundation
import Testing
@testable import NotebookRunner

/// Golden files of a small fixed notebook run through the scripted engine and a stopped clock.
@Suite struct ReportSnapshotTests {
  static let notebook = """
    ---
    title: Snapshot notebook
    author: Test Author
    date: 2025-03-01
    description: Every kind of cell and output, for the golden report.
    params:
      epochs: 3
      widths: [8, 16]
      note: "a \\"quoted\\" note"
    profiles:
      quick: {epochs: 1}
    ---

    # Overview

    The energies are in @tbl-energy and the loss in @fig-loss; @fig-none names nothing.

    ## Runs

    ```lab
    #| label: tbl-energy
    #| caption: Energy per operation
    print hello
    table builtin caption
    ```

    ```lab
    #| label: fig-loss
    chart Loss per epoch
    ```

    ```lab
    #| echo: false
    print hidden code
    ```

    ```lab
    #| output: false
    table not shown
    ```

    ## Errors

    ```lab
    #| error: true
    fail expected failure
    ```

    ```lab
    print before
    fail boom
    ```

    ```lab
    print never
    ```
    """

  static func renderedRun() throws -> RenderedReport {
    let run = try runScripted(Self.notebook, path: "notebooks/snapshot.md", options: RunOptions(profile: "quick"))
    return ReportRenderer(version: "0.0.0-test", chartSVG: fakeChartSVG).render(run)
  }

  @Test func reportHTML() throws {
    try assertSnapshot(try Self.renderedRun().html, named: "report.html")
  }

  @Test func reportJSON() throws {
    try assertSnapshot(try Self.renderedRun().json, named: "report.json")
  }

  @Test func numbersCaptionsAndCrossReferences() throws {
    let report = try Self.renderedRun()
    let html = report.html
    #expect(html.contains(##"<a class="xref" href="#tbl-energy">Table 1</a>"##))
    #expect(html.contains(##"<a class="xref" href="#fig-loss">Figure 1</a>"##))
    #expect(html.contains(#"<figure class="table" id="tbl-energy">"#))
    #expect(html.contains(#"<span class="float-number">Table 1:</span> Energy per operation"#), "the cell's caption wins")
    #expect(html.contains(#"<span class="float-number">Figure 1:</span> Loss per epoch"#), "the builtin's caption")
    #expect(!html.contains("Table 2"), "hidden outputs get no number")
    #expect(html.contains(#"<span class="xref-missing""#))
    #expect(report.warnings == ["notebooks/snapshot.md: warning: cross reference '@fig-none' names no figure"])
    #expect(!html.contains("print hidden code"), "echo: false hides the code")
    #expect(html.contains("<pre class=\"output\">hidden code</pre>"))
    #expect(!html.contains("not shown"), "output: false hides the outputs")
    #expect(html.contains("not run: cell 6 (line 50) failed"))
    #expect(html.contains(#"<p class="banner">1 of 7 cells failed. 1 cell did not run.</p>"#))
    #expect(html.contains("Ran 2025-03-01 12:00 UTC in 0.00 s"))
  }

  @Test func referencesInPrintedTextAndTableCellsLink() throws {
    let notebook = """
      ```lab
      #| label: tbl-energy
      table Energy
      ```

      ```lab
      print the sweep of @tbl-energy & more; mail a@tbl-energy.org
      row chosen on @tbl-energy, not @tbl-none
      ```
      """
    let run = try runScripted(notebook, path: "notebooks/refs.md")
    let html = ReportRenderer(version: "0.0.0-test", chartSVG: fakeChartSVG).render(run).html
    #expect(html.contains(##"<pre class="output">the sweep of <a class="xref" href="#tbl-energy">Table 1</a> &amp; more; mail a@tbl-energy.org</pre>"##))
    #expect(html.contains(##"<td>chosen on <a class="xref" href="#tbl-energy">Table 1</a>, not <span class="xref-missing""##))
  }

  @Test func chartsAreDrawnByChartsByDefault() throws {
    let run = try runScripted(Self.notebook, path: "notebooks/snapshot.md")
    let html = ReportRenderer().render(run).html
    #expect(html.contains("<svg"))
    #expect(html.contains(#"id="svg-fig-loss""#))
  }
}
