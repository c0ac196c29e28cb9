import Foundation
import Bindings
import Kernel

/// `s = 0; for i in 0..<1000000 { s = s + i * 2 }` in the kernel and in CPython.
enum InterpreterBenchmark {
  static func run() throws {
    let source = "s = 0\nfor i in 0..<1000000 { s = s + i * 2 }\ns"
    var value = ""
    let ours = try Timing.best(of: 5) {
      let session = Session(file: "bench.md")
      let result = session.run(source, line: 1)
      if let error = result.error { throw Command.Failure(description: error.rendered) }
      if case .text(let text)? = result.outputs.last { value = text }
    }
    print(String(format: "  lab (in-process Session, best of 5): %.3f s, s = %@", ours, value))
    guard let python = Command.which("python3") else {
      print("  python3: not found — peer skipped")
      return
    }
    let script = "import time\nbest=1e9\nfor _ in range(5):\n t=time.perf_counter()\n s=0\n for i in range(1000000): s=s+i*2\n best=min(best,time.perf_counter()-t)\nprint(best)"
    let version = try Command.run(python, ["-c", "import sys; print(sys.version.split()[0])"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let theirs = Double(try Command.run(python, ["-c", script]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
    print(String(format: "  CPython %@ (best of 5): %.3f s", version, theirs))
    print("  lab / CPython = \(ratio(ours / theirs)) (target <= 2.00x)")
  }
}
