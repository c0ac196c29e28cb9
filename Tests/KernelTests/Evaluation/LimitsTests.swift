import Foundation
import Testing
import Bindings
@testable import Kernel

@Suite struct LimitsTests {
  @Test func recursionIsBoundedWithAClearError() {
    expectError("fn f(n) { return f(n + 1) }\nf(0)", at: "1:18", "recursion deeper than 200 calls")
  }

  @Test func recursionJustUnderTheLimitWorks() {
    #expect(output("fn depth(n) {\n  if n == 0 { return 0 }\n  return 1 + depth(n - 1)\n}\ndepth(190)") == "190")
  }

  /// A loop of 10^12 iterations cannot finish: the error (at the loop) is the timeout's, and the
  /// session runs the next cell normally. The interruption is checked, not the clock.
  @Test func endlessLoopTimesOut() {
    let session = Session(file: "nb.md")
    let result = session.run("n = 0\nfor i in 0..<1e12 { n = i }", line: 1, timeout: 0.2)
    #expect(result.error?.message == "cell timed out after 0.2 s")
    #expect(result.error?.location?.line == 2)
    // The loop ran (n moved) and stopped part way.
    guard case .number(let n)? = session.value(of: "n") else {
      Issue.record("n is not a number: \(String(describing: session.value(of: "n")))")
      return
    }
    #expect(n > 0 && n < 1e12)
    #expect(texts(session.run("print(1)", line: 3)) == ["1"])
  }

  @Test func endlessRecursionInLoopTimesOut() {
    // The check that notices the deadline may be the loop's or the call's: both are on line 2.
    let result = run("fn spin(n) { return n + 1 }\nfor i in 0..<1e12 { spin(i) }", timeout: 0.3)
    #expect(result.error?.message == "cell timed out after 0.3 s")
    #expect(result.error?.location?.line == 2)
  }

  @Test func comprehensionTimesOut() {
    expectError("xs = [i for i in 0..<1e12 if i < 0]", at: "1:13", "cell timed out after 0.2 s", timeout: 0.2)
  }

  @Test func interruptFromAnotherThreadStopsTheCell() {
    let session = Session(file: "nb.md")
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { session.interrupt() }
    let result = session.run("for i in 0..<1e12 {}", line: 1)
    #expect(result.error?.message == "interrupted")
    // The next cell runs normally.
    #expect(texts(session.run("print(1)", line: 2)) == ["1"])
  }

  @Test func tooManyOutputs() {
    let result = run("for i in 0..<20000 { print(i) }")
    #expect(result.error?.message == "cell produced more than 10000 outputs")
    #expect(result.error?.location?.column == 22)
    // Everything printed before the limit is kept.
    #expect(texts(result).joined().split(separator: "\n").count == 10000)
  }

  @Test func tooMuchOutput() {
    expectError(#"s = "x" * 2000000"# + "\nprint(s)", at: "2:1", "cell output exceeds 1 MB; print less, or summarise with table()")
  }

  @Test func hugeRangesAreRefusedAsLists() {
    expectError("xs = 0..<1e9", at: "1:7",
                "range of 1000000000 numbers is too long for a list (the limit is 10000000); loop over it with 'for' instead")
  }

  @Test func hugeRepetitionIsRefused() {
    expectError("xs = [0] * 1e8", at: "1:10", "list too long: 100000000 elements (the limit is 10000000)")
  }

  @Test func builtinsSeeTheTimeoutThroughTheContext() {
    let registry = BuiltinRegistry.standard()
    registry.register("busy", category: "Test", doc: "Spins until interrupted.", returns: .none) { _, context in
      var done = 0
      while true {
        try context.progress(task: "busy", done: done, total: nil)
        done += 1
        Thread.sleep(forTimeInterval: 0.001)
      }
    }
    let session = Session(file: "nb.md", registry: registry)
    let events = Counter()
    session.onProgress = { _ in events.increment() }
    let result = session.run("x = 1\nbusy()", line: 5, timeout: 0.2)
    #expect(result.error?.message == "cell timed out after 0.2 s")
    #expect(result.error?.location?.line == 6)
    #expect(events.value > 5)
  }
}

/// A thread-safe counter for progress callbacks.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func increment() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}

/// Values built in a loop (`a = [a]`) crashed display, `==` and the session's deallocation at
/// 100,000 levels; storing one deeper than the limit is now an error at the assignment.
@Suite struct ValueDepthTests {
  let message = "value nested too deeply (more than 1000 levels of lists and records)"

  @Test func wrappingInALoopStopsAtTheLimit() {
    expectError("a = []\nfor i in range(100000) {\n  a = [a]\n}", at: "3:3", message)
    expectError("a = {}\nfor i in range(100000) {\n  a = {x: a}\n}", at: "3:3", message)
    expectError("fn f() {\n  a = 0\n  for i in range(5000) { a = [a] }\n  return a\n}\nf()", at: "3:26", message)
    expectError("a = {x: 0}\nfor i in range(5000) { a.x = {x: a.x} }", at: "2:24", message)
    expectError("a = [0]\nfor i in range(5000) { a += [[a[-1]]] }", at: "2:24", message)
    // Shared storage: 2^1000 elements from 1000 arrays, measured in time linear in the arrays.
    expectError("a = []\nfor i in range(5000) { a = [a, a] }", at: "2:24", message, timeout: 60)
  }

  @Test func valuesJustUnderTheLimitDisplayCompareAndAreFreed() {
    let source = """
      a = []
      b = []
      for i in range(999) {
        a = [a]
        b = [b]
      }
      print(a == b, len(str(a)))
      """
    #expect(output(source) == "true 2000")
  }
}
