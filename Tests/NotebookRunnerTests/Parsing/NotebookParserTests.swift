import Foundation
import Testing
@testable import NotebookRunner

@Suite struct NotebookParserTests {
  static let text = """
    ---
    title: Lines
    ---

    # Heading

    Prose with `code`.

    ```lab
    a = 1
    b = 2
    ```

    ```python
    print("shown, not run")
    ```

    ~~~lab extra words
    c = 3
    ~~~

       ```lab
       d = 4
       ```
    """

  @Test func cellsKnowTheirNotebookLineAndColumn() throws {
    let cells = try parse(Self.text).cells
    #expect(cells.map(\.line) == [10, 19, 23])
    #expect(cells.map(\.column) == [1, 1, 4])
    #expect(cells.map(\.source) == ["a = 1\nb = 2", "c = 3", "d = 4"])
    #expect(cells.map(\.index) == [0, 1, 2])
  }

  @Test func otherLanguagesAreProseNotCells() throws {
    let notebook = try parse(Self.text)
    let html = notebook.blocks.compactMap { block -> String? in
      guard case .prose(let prose) = block else { return nil }
      return prose.fragments.map { fragment in
        if case .html(let text) = fragment { return text }
        return ""
      }.joined()
    }.joined()
    #expect(html.contains("<pre><code class=\"language-python\">print(&quot;shown, not run&quot;)"))
    #expect(notebook.headings == [Heading(level: 1, text: "Heading", id: "sec-heading")])
  }

  @Test func crlfLineEndingsKeepLineNumbers() throws {
    let cells = try parse(Self.text.replacingOccurrences(of: "\n", with: "\r\n")).cells
    #expect(cells.map(\.line) == [10, 19, 23])
  }

  @Test func rawHTMLInProseIsNotPassedThrough() throws {
    let notebook = try parse("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and [link](javascript:alert(1)).\n\n```lab\nx\n```\n")
    guard case .prose(let prose) = notebook.blocks[0] else {
      Issue.record("expected prose first")
      return
    }
    let html = prose.fragments.map { fragment -> String in
      if case .html(let text) = fragment { return text }
      return ""
    }.joined()
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("javascript:"))
    #expect(html.contains("raw HTML omitted"))
  }

  @Test func labCellsInsideListsAreRejected() {
    #expect {
      try parse("- item\n\n  ```lab\n  x\n  ```\n")
    } throws: { error in
      (error as? NotebookError)?.description
        == "nb.md:3:3: error: a 'lab' cell must be at the top level of the notebook, not inside a list or block quote"
    }
  }

  @Test func emptyNotebookIsAnError() {
    #expect {
      try parse("  \n\n")
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md: error: the notebook is empty"
    }
  }

  @Test func notebookWithoutCellsIsAnError() {
    #expect {
      try parse("---\ntitle: t\n---\n# Only prose\n\n```python\nx\n```\n")
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md: error: the notebook has no cells (fenced code blocks marked ```lab)"
    }
  }

  @Test func nonUTF8NotebookIsAnErrorAtTheBadByte() {
    var bytes = Array("# Title\n\nnaïve ".utf8)
    bytes += [0xFF, 0x0A]
    #expect {
      try NotebookParser.parse(data: Data(bytes), path: "bad.md")
    } throws: { error in
      (error as? NotebookError)?.description == "bad.md:3:8: error: the notebook is not UTF-8 text (invalid byte 0xFF)"
    }
  }

  @Test func missingNotebookIsAnError() {
    #expect {
      try NotebookParser.load(path: "/nonexistent/nowhere.md")
    } throws: { error in
      (error as? NotebookError)?.description == "/nonexistent/nowhere.md: error: no such notebook"
    }
  }

  @Test func headingIDsAreUniqueSlugs() throws {
    let notebook = try parse("# Results & *Notes*\n\n## Results & Notes\n\n## 1.5 µm!\n\n```lab\nx\n```\n")
    #expect(notebook.headings.map(\.id) == ["sec-results-notes", "sec-results-notes-2", "sec-1-5-m"])
    #expect(notebook.headings.map(\.text) == ["Results & Notes", "Results & Notes", "1.5 µm!"])
  }

  @Test func referencesAreFoundInTextButNotInCodeOrLinks() throws {
    let notebook = try parse(
      "See @tbl-acc, @fig-loss. Mail me@fig-x.org; `@tbl-code`; [@fig-link](https://x.org).\n\n```lab\nx\n```\n")
    guard case .prose(let prose) = notebook.blocks[0] else {
      Issue.record("expected prose first")
      return
    }
    let labels = prose.fragments.compactMap { fragment -> String? in
      if case .reference(let label) = fragment { return label }
      return nil
    }
    #expect(labels == ["tbl-acc", "fig-loss"])
  }
}
