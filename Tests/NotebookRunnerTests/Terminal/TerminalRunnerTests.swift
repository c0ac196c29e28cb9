import Foundation
import Kernel
import Testing
@testable import NotebookRunner

@Suite struct TerminalRunnerTests {
  @Test func tablesAreAlignedText() {
    let table = TableDisplay(
      columns: ["operation", "pJ"],
      rows: [[TableCell(text: "int8 add"), TableCell(text: "0.03", number: 0.03)],
             [TableCell(text: "fp32 mult"), TableCell(text: "3.7", number: 3.7)]])
    #expect(TextTable.render(table) == """
      operation    pJ
      ---------  ----
      int8 add   0.03
      fp32 mult   3.7
      """)
  }

  @Test func printsOutputsAndErrorsAndReturnsTheExitStatus() throws {
    let folder = try temporaryFolder()
    let path = folder + "/nb.md"
    try "```lab\nprint hello\n#| caption: ignored, not at the top\ntable Energies\nchart\n```\n\n```lab\nfail oops\n```\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    let output = TextSink()
    let diagnostics = TextSink()
    let runner = TerminalRunner(
      makeEngine: ScriptedEngine.Factory().make, clock: FixedClock(date: testDate), output: output,
      diagnostics: diagnostics, liveProgress: false, describeChart: { "a \($0.kind.rawValue) chart of \($0.title ?? "")" })
    #expect(runner.run(path: path) == 1)
    #expect(output.text == """
      hello

      Table 1: Energies
      name  value
      ----  -----
      a         1
      b      2.50

      Figure 1
      a line chart of loss

      """)
    #expect(diagnostics.text == """
      \(path):9:1: error: oops
        |
      9 | fail oops
        | ^
      ran \(path): 2 cells, 1 failed, 0.00 s

      """)
  }

  @Test func missingNotebookIsStatusOne() {
    let diagnostics = TextSink()
    let runner = TerminalRunner(output: TextSink(), diagnostics: diagnostics, liveProgress: false)
    #expect(runner.run(path: "/nonexistent.md") == 1)
    #expect(diagnostics.text == "/nonexistent.md: error: no such notebook\n")
  }
}
