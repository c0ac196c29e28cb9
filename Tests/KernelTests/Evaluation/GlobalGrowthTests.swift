import Testing
import Bindings
@testable import Kernel

/// Globals live in a buffer that grows; defining many must keep every value intact.
@Test func manyGlobalsSurviveTheBufferGrowing() {
  let session = Session(file: "globals.md")
  let source = (0..<300).map { "g\($0) = \($0) * 3" }.joined(separator: "\n") + "\ng0 + g299"
  let result = session.run(source, line: 1)
  #expect(result.error == nil)
  #expect(session.value(of: "g150") == .number(450))
  #expect(session.value(of: "g299") == .number(897))
}
