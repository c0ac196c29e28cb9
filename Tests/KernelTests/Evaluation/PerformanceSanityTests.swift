import Foundation
import Testing
import Bindings
@testable import Kernel

/// Not a timed assertion (debug builds and shared machines vary): checks that the hot loop
/// runs without allocating per iteration badly enough to take seconds, and reports its time.
@Suite struct PerformanceSanityTests {
  @Test func millionIterationLoop() {
    let session = Session(file: "bench.md")
    let start = Date()
    let result = session.run("s = 0\nfor i in 0..<1000000 { s = s + i * 2 }\ns", line: 1, timeout: 120)
    let seconds = Date().timeIntervalSince(start)
    #expect(result.error == nil)
    #expect(texts(result) == ["999999000000"])
    print("1M-iteration loop: \(String(format: "%.3f", seconds)) s (debug builds are several times slower than release)")
  }

  @Test func manyCalls() {
    let result = run("fn fib(n) {\n  if n < 2 { return n }\n  return fib(n - 1) + fib(n - 2)\n}\nfib(18)", timeout: 120)
    #expect(texts(result) == ["2584"])
  }
}
