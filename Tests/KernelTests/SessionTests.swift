import Testing
import Bindings
@testable import Kernel

@Suite struct SessionTests {
  @Test func variablesPersistAcrossCells() {
    let session = Session(file: "nb.md")
    #expect(session.run("x = 20\nfn twice(v) { return v * 2 }", line: 3).error == nil)
    #expect(texts(session.run("twice(x) + 2", line: 9)) == ["42"])
  }

  @Test func errorsUseNotebookLinesAndColumns() {
    let session = Session(file: "book.md")
    let result = session.run("#| label: x\n\ny = undefined_name", line: 100, column: 5)
    #expect(result.error?.location == SourceLocation(file: "book.md", line: 102, column: 9))
    #expect(result.error?.sourceLine == "    y = undefined_name")
  }

  @Test func aFailedCellLeavesEarlierAssignments() {
    let session = Session(file: "nb.md")
    _ = session.run("a = 1\nb = 1 / 0\nc = 3", line: 1)
    #expect(session.value(of: "a") == .number(1))
    #expect(session.value(of: "c") == nil)
  }

  @Test func builtinsCanBeShadowedLikeAnyName() {
    #expect(output("sum = 3\nsum + 1") == "4")
  }

  @Test func progressEventsReachTheRunner() {
    let registry = BuiltinRegistry.standard()
    registry.register("work", category: "Test", doc: "Reports three steps.", parameters: [Parameter("n", .int)]) { args, context in
      let n = try args.int("n")
      for step in 1...n { try context.progress(task: "work", done: step, total: n) }
      return .number(Double(n))
    }
    let session = Session(file: "nb.md", registry: registry)
    let events = Counter()
    session.onProgress = { event in
      if event.task == "work" && event.total == 3 { events.increment() }
    }
    #expect(texts(session.run("work(3)", line: 1)) == ["3"])
    #expect(events.value == 3)
  }

  @Test func contextCallsLanguageFunctions() {
    let registry = BuiltinRegistry.standard()
    registry.register("apply", category: "Test", doc: "Calls f(x).", parameters: [Parameter("f", .function), Parameter("x")]) { args, context in
      try context.call(args["f"], [args["x"]])
    }
    let session = Session(file: "nb.md", registry: registry)
    #expect(texts(session.run("fn sq(v) { return v * v }\napply(sq, 7)", line: 1)) == ["49"])
    // An error inside the callback points into the callback.
    let result = session.run("fn bad(v) { return v / 0 }\napply(bad, 1)", line: 10)
    #expect(result.error?.location?.line == 10)
    #expect(result.error?.location?.column == 22)
  }
}
