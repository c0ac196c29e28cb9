import Kernel
import Testing
@testable import NotebookRunner

@Suite struct ParameterTests {
  static let notebook = """
    ---
    params:
      epochs: 10
      lr: 0.05
      tag: base
    profiles:
      quick: {epochs: 1, tag: quick}
    ---
    ```lab
    params
    ```
    """

  @Test func overrideValuesAreReadAsYAML() throws {
    let cases: [(String, String)] = [
      ("n=3", "3"), ("n=2.5e-3", "0.0025"), ("n=true", "true"), ("n=no", "false"), ("n=hello", #""hello""#),
      ("n=\"3\"", #""3""#), ("n=[1, 2, x]", #"[1, 2, "x"]"#), ("n={a: 1}", "{a: 1}"), ("n=", #""""#),
      ("n=a=b", #""a=b""#),
    ]
    for (argument, expected) in cases {
      let override = try ParameterOverride(parsing: argument)
      #expect(override.name == "n")
      #expect(ValueText.format(override.value) == expected, "\(argument)")
    }
  }

  @Test func malformedOverridesAreErrors() {
    #expect(throws: ParameterError.self) { try ParameterOverride(parsing: "epochs") }
    #expect(throws: ParameterError.self) { try ParameterOverride(parsing: "1x=3") }
    #expect(throws: ParameterError.self) { try ParameterOverride(parsing: "x=[1, 2") }
  }

  @Test func precedenceIsDefaultsThenProfileThenOverrides() throws {
    let front = try parse(Self.notebook).frontMatter
    func resolved(_ profile: String?, _ overrides: [String]) throws -> String {
      let parsed = try overrides.map { try ParameterOverride(parsing: $0) }
      return ValueText.format(.record(try ParameterResolver.resolve(front, profile: profile, overrides: parsed, file: "nb.md")))
    }
    #expect(try resolved(nil, []) == #"{epochs: 10, lr: 0.05, tag: "base"}"#)
    #expect(try resolved("quick", []) == #"{epochs: 1, lr: 0.05, tag: "quick"}"#)
    #expect(try resolved("quick", ["epochs=2"]) == #"{epochs: 2, lr: 0.05, tag: "quick"}"#)
    #expect(try resolved(nil, ["tag=a", "tag=b"]) == #"{epochs: 10, lr: 0.05, tag: "b"}"#)
  }

  @Test func unknownProfileOrParameterIsAnErrorWithASuggestion() throws {
    let front = try parse(Self.notebook).frontMatter
    #expect {
      try ParameterResolver.resolve(front, profile: "quik", overrides: [], file: "nb.md")
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md: error: no profile 'quik' in this notebook; did you mean 'quick'? (profiles: quick)"
    }
    #expect {
      try ParameterResolver.resolve(front, profile: nil, overrides: [try ParameterOverride(parsing: "epoch=1")], file: "nb.md")
    } throws: { error in
      (error as? NotebookError)?.description == "nb.md: error: -P epoch=1: no parameter 'epoch' in this notebook; did you mean 'epochs'?"
    }
  }

  @Test func theEngineReceivesTheResolvedParameters() throws {
    let run = try runScripted(
      Self.notebook, options: RunOptions(profile: "quick", overrides: [try ParameterOverride(parsing: "lr=0.1")]))
    guard case .text(let text) = run.cells[0].outputs.first else {
      Issue.record("expected the params as text")
      return
    }
    #expect(text == #"{epochs: 1, lr: 0.1, tag: "quick"}"#)
    #expect(run.profile == "quick")
  }
}
