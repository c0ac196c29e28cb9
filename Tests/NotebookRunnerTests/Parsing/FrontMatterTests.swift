import Kernel
import Testing
@testable import NotebookRunner

@Suite struct FrontMatterTests {
  static let notebook = """
    ---
    title: Energy of MACs
    author: A. Author
    date: 2025-03-01
    description: Per-operation energies.
    params:
      epochs: 3
      lr: 0.05
      name: run
      quick: false
      sizes: [8, 16]
    profiles:
      quick: {epochs: 1, sizes: [8]}
      full:
        epochs: 10
    ---

    ```lab
    x = 1
    ```
    """

  @Test func readsEveryField() throws {
    let front = try parse(Self.notebook).frontMatter
    #expect(front.title == "Energy of MACs")
    #expect(front.author == "A. Author")
    #expect(front.date == "2025-03-01")
    #expect(front.description == "Per-operation energies.")
    #expect(front.params.fields.map(\.key) == ["epochs", "lr", "name", "quick", "sizes"])
    #expect(ValueText.format(.record(front.params)) == #"{epochs: 3, lr: 0.05, name: "run", quick: false, sizes: [8, 16]}"#)
    #expect(front.profiles.map(\.name) == ["quick", "full"])
    #expect(front.profile(named: "quick").map { ValueText.format(.record($0)) } == "{epochs: 1, sizes: [8]}")
  }

  @Test func malformedYAMLIsReportedAtItsNotebookLine() {
    let text = "---\ntitle: ok\nparams:\n  epochs: [1, 2\n---\n\n```lab\nx\n```\n"
    #expect(throws: NotebookError.self) { try parse(text) }
    do {
      _ = try parse(text)
    } catch let error as NotebookError {
      #expect(error.line == 5 || error.line == 4, "YAML reports the unclosed list where it gives up")
      #expect(error.description.hasPrefix("nb.md:\(error.line!):"))
      #expect(error.message.hasPrefix("front matter: "))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func unknownKeySuggestsTheNearestOne() {
    let text = "---\ntitle: x\nauthr: me\n---\n```lab\nx\n```\n"
    #expect {
      try parse(text)
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md:3:1: error: front matter: unknown key 'authr'; did you mean 'author'?"
    }
  }

  @Test func illTypedFieldsAreErrorsAtTheirLine() {
    #expect {
      try parse("---\ntitle: [a, b]\n---\n```lab\nx\n```\n")
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md:2:8: error: front matter: 'title' must be text"
    }
    #expect {
      try parse("---\nparams: 3\n---\n```lab\nx\n```\n")
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md:2:9: error: front matter: 'params' must be a mapping of names to values"
    }
    #expect {
      try parse("---\nparams:\n  my-rate: 3\n---\n```lab\nx\n```\n")
    } throws: { error in
      (error as? NotebookError)?.line == 3
    }
  }

  @Test func profileMaySetOnlyDeclaredParameters() {
    let text = "---\nparams:\n  epochs: 3\nprofiles:\n  quick:\n    epoch: 1\n---\n```lab\nx\n```\n"
    #expect {
      try parse(text)
    } throws: { error in
      (error as? NotebookError)?.description
        == "nb.md:6:5: error: front matter: profile 'quick' sets 'epoch', which is not in 'params'; did you mean 'epochs'?"
    }
  }

  @Test func duplicateKeysAreErrors() {
    #expect {
      try parse("---\ntitle: a\ntitle: b\n---\n```lab\nx\n```\n")
    } throws: { error in
      guard let error = error as? NotebookError else { return false }
      return error.line == 2 || error.line == 3
    }
  }

  @Test func unclosedFrontMatterIsAnErrorAtLineOne() {
    #expect {
      try parse("---\ntitle: a\n\n```lab\nx\n```\n")
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md:1:1: error: front matter: not closed (a '---' line must end it)"
    }
  }

  @Test func notebookWithoutFrontMatterGetsItsFileNameAsTitle() throws {
    let notebook = try parse("```lab\nx\n```\n", path: "notebooks/energy-tour.md")
    #expect(notebook.frontMatter.title == nil)
    #expect(notebook.displayTitle == "energy-tour")
  }
}
