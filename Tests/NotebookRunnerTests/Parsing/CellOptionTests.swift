import Testing
@testable import NotebookRunner

@Suite struct CellOptionTests {
  @Test func readsEveryOption() throws {
    let text = """
      ```lab
      #| label: fig-loss
      #| caption: "Loss: train and test"
      #| echo: false
      #| output: true
      #| error: yes
      #| timeout: 2.5
      #| cache: true
      x = 1
      ```
      """
    let cell = try #require(try parse(text).cells.first)
    #expect(cell.options == CellOptions(
      label: "fig-loss", caption: "Loss: train and test", echo: false, output: true, error: true,
      timeout: 2.5, cache: true))
    #expect(cell.displaySource == "x = 1")
    #expect(cell.source.hasPrefix("#| label: fig-loss"), "the kernel gets the option lines as comments")
  }

  @Test func unquotedCaptionsKeepColons() throws {
    let cell = try #require(try parse("```lab\n#| caption: Accuracy: top-1 (%)\nx\n```\n").cells.first)
    #expect(cell.options.caption == "Accuracy: top-1 (%)")
  }

  @Test func optionsOnlyCountAtTheTopOfACell() throws {
    let cell = try #require(try parse("```lab\nx = 1\n#| echo: false\n```\n").cells.first)
    #expect(cell.options.echo)
  }

  @Test func unknownOptionIsAnErrorAtItsLineAndColumnWithASuggestion() {
    let text = "---\ntitle: t\n---\n\nSome prose.\n\n```lab\n#| echo: false\n#| lable: tbl-x\nx\n```\n"
    #expect {
      try parse(text, path: "notebooks/x.md")
    } throws: { error in
      (error as? NotebookError)?.description
        == "notebooks/x.md:9:4: error: unknown cell option 'lable'; did you mean 'label'?"
    }
  }

  @Test func illTypedOptionsPointAtTheValue() {
    let cases: [(String, String)] = [
      ("#| echo: maybe", "nb.md:2:10: error: cell option 'echo' expects true or false, got 'maybe'"),
      ("#| timeout: -1", "nb.md:2:13: error: cell option 'timeout' expects a positive number of seconds, got '-1'"),
      ("#| timeout: soon", "nb.md:2:13: error: cell option 'timeout' expects a positive number of seconds, got 'soon'"),
      ("#| label: table1", "nb.md:2:11: error: cell option 'label' must be 'tbl-NAME' (a table) or 'fig-NAME' (a figure), NAME of letters, digits, '-' and '_'; got 'table1'"),
      ("#| caption:", "nb.md:2:12: error: cell option 'caption' has no value"),
      ("#| echo false", "nb.md:2:4: error: a cell option is written 'name: value'"),
    ]
    for (line, expected) in cases {
      #expect {
        try parse("```lab\n\(line)\nx\n```\n")
      } throws: { error in
        (error as? NotebookError)?.description == expected
      }
    }
  }

  @Test func repeatedOptionIsAnError() {
    #expect {
      try parse("```lab\n#| echo: true\n#| echo: false\nx\n```\n")
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md:3:4: error: cell option 'echo' is given twice"
    }
  }

  @Test func labelsAreUniqueInANotebook() {
    let text = "```lab\n#| label: tbl-a\nx\n```\n\n```lab\n#| caption: again\n#| label: tbl-a\ny\n```\n"
    #expect {
      try parse(text)
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md:8:1: error: label 'tbl-a' is already used by the cell at line 2"
    }
  }
}

@Suite struct ToleranceOptionTests {
  @Test func cellAndFrontMatterTolerancesAreRead() throws {
    let text = "---\ntolerance: {accuracy: 0.01, \"*\": 1e-6}\n---\n\n```lab\n#| tolerance: 0.5\nx\n```\n"
    let notebook = try NotebookParser.parse(text, path: "nb.md")
    #expect(notebook.frontMatter.tolerance == Tolerances(["accuracy": 0.01, "*": 1e-6]))
    #expect(notebook.cells.first?.options.tolerance == Tolerances(["*": 0.5]))
    let merged = Tolerances(["accuracy": 0.01, "loss": 1]).overridden(by: Tolerances(["loss": 2]))
    #expect(merged.tolerance(for: "loss") == 2 && merged.tolerance(for: "accuracy") == 0.01)
    #expect(merged.tolerance(for: "other") == Tolerances.defaultTolerance)
  }

  @Test func badTolerancesPointAtTheValue() {
    let cases: [(String, String)] = [
      ("#| tolerance: -1", "nb.md:2:15: error: cell option 'tolerance' expects a number ≥ 0 or a mapping such as {accuracy: 0.01, \"*\": 1e-6}, got '-1'"),
      ("#| tolerance: {accuracy: high}", "nb.md:2:15: error: cell option 'tolerance' gives 'accuracy' a tolerance that is not a number ≥ 0, got '{accuracy: high}'"),
    ]
    for (line, message) in cases {
      #expect {
        try NotebookParser.parse("```lab\n\(line)\nx\n```\n", path: "nb.md")
      } throws: { error in
        (error as? NotebookError)?.description == message
      }
    }
    #expect {
      try NotebookParser.parse("---\ntolerance: [1]\n---\n", path: "nb.md")
    } throws: { error in
      (error as? NotebookError)?.description.hasPrefix("nb.md:2:") == true
        && (error as? NotebookError)?.description.contains("'tolerance' expects a number") == true
    }
  }
}
