import Foundation
import Testing
import Bindings
@testable import Kernel

/// Long loops and deep call trees compute the right figures (their speed is measured by
/// `nnlab-bench`, never by a test).
@Suite struct PerformanceSanityTests {
  @Test func millionIterationLoop() {
    let session = Session(file: "bench.md")
    let result = session.run("s = 0\nfor i in 0..<1000000 { s = s + i * 2 }\ns", line: 1, timeout: 120)
    #expect(result.error == nil)
    // 2 * (0 + 1 + ... + 999,999) = 999,999 * 1,000,000: exact, so no iteration was lost or doubled.
    #expect(texts(result) == ["999999000000"])
  }

  @Test func manyCalls() {
    let result = run("fn fib(n) {\n  if n < 2 { return n }\n  return fib(n - 1) + fib(n - 2)\n}\nfib(18)", timeout: 120)
    #expect(texts(result) == ["2584"])
  }
}
