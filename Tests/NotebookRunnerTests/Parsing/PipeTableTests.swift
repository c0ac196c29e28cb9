import Testing
@testable import NotebookRunner

@Suite struct PipeTableTests {
  @Test func cellsSplitOnUnescapedPipes() {
    #expect(PipeTable.cells(of: "| a | b \\| c | `d` |") == ["a", "b | c", "`d`"])
    #expect(PipeTable.cells(of: "a|b") == ["a", "b"])
    #expect(PipeTable.cells(of: "  | only |  ") == ["only"])
    #expect(PipeTable.cells(of: "| \\*x\\* |") == ["\\*x\\*"])
  }

  @Test func delimiterRowsGiveAlignments() {
    #expect(PipeTable.delimiterRow("| --- | :--- | ---: | :-: |") == [.none, .left, .right, .center])
    #expect(PipeTable.delimiterRow("---|---") == [.none, .none])
    // Without a pipe or colon a line of dashes is a thematic break or a heading underline.
    #expect(PipeTable.delimiterRow("---") == nil)
    #expect(PipeTable.delimiterRow("| -- x |") == nil)
    #expect(PipeTable.delimiterRow("| |") == nil)
  }

  @Test func aTableNeedsADelimiterRowAsWideAsItsHeader() {
    #expect(PipeTable.find(in: ["| a | b |", "| 1 | 2 |"]) == nil)
    #expect(PipeTable.find(in: ["| a | b |", "| --- |", "| 1 | 2 |"]) == nil)
    let found = PipeTable.find(in: ["Some prose", "| a | b |", "|---|--:|", "| 1 |", "| 2 | 3 | 4 |"])
    #expect(found?.before == ["Some prose"])
    #expect(found?.table == PipeTable(header: ["a", "b"], alignments: [.none, .right], rows: [["1", ""], ["2", "3"]]))
  }

  @Test func proseTablesRenderSafelyWithInlineMarkdown() throws {
    let text = """
      Before the table.

      | method | saving | note |
      |:---|---:|:---:|
      | **ours** | 48% | see @tbl-x |
      | `prune()` | 31% | <script>alert(1)</script> |
      | 1. | a \\| b | |

      ```lab
      #| label: tbl-x
      table([{a: 1}])
      ```
      """
    let notebook = try NotebookParser.parse(text, path: "nb.md")
    guard case .prose(let prose) = notebook.blocks[0] else {
      Issue.record("expected prose first")
      return
    }
    #expect(prose.fragments.contains(.reference(label: "tbl-x")))
    let html = prose.fragments.map { fragment -> String in
      if case .html(let text) = fragment { return text }
      return "@ref"
    }.joined()
    #expect(html.hasPrefix("<p>Before the table.</p>\n<div class=\"table-scroll\"><table class=\"prose\">"))
    #expect(html.contains("<th style=\"text-align: left\">method</th><th style=\"text-align: right\">saving</th>"))
    #expect(html.contains("<tr><td style=\"text-align: left\"><strong>ours</strong></td><td style=\"text-align: right\">48%</td><td style=\"text-align: center\">see @ref</td></tr>"))
    #expect(html.contains("<td style=\"text-align: left\"><code>prune()</code></td>"))
    #expect(!html.contains("<script"))
    // Text that would start a block stays text; an escaped pipe is a pipe.
    #expect(html.contains("<td style=\"text-align: left\">1.</td><td style=\"text-align: right\">a | b</td>"))
  }

  @Test func paragraphsWithPipesButNoTableStayParagraphs() throws {
    let notebook = try NotebookParser.parse("a | b and c | d\n\n```lab\nx = 1\n```\n", path: "nb.md")
    guard case .prose(let prose) = notebook.blocks[0], case .html(let html) = prose.fragments[0] else {
      Issue.record("expected prose first")
      return
    }
    #expect(html == "<p>a | b and c | d</p>\n")
  }
}
