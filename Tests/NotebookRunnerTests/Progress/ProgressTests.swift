import Kernel
import Testing
@testable import NotebookRunner

@Suite struct ProgressTests {
  @Test func barShowsDoneOverTotal() {
    #expect(ProgressText.bar(ProgressEvent(task: "epoch", done: 5, total: 10)) == "[#####.....] 5/10 epoch")
    #expect(ProgressText.bar(ProgressEvent(task: "epoch", done: 10, total: 10)) == "[##########] 10/10 epoch")
    #expect(ProgressText.bar(ProgressEvent(task: "samples", done: 7, total: nil)) == "7 samples")
  }

  @Test func durations() {
    #expect(ProgressText.duration(3.24) == "3.2 s")
    #expect(ProgressText.duration(125) == "2 min 05 s")
  }

  @Test func terminalLineShowsNotebookCellAndBuiltinProgress() throws {
    let sink = TextSink()
    let line = TerminalProgressLine(sink: sink, verb: "rendered", clock: FixedClock(date: testDate))
    let executor = NotebookExecutor(makeEngine: ScriptedEngine.Factory().make, clock: FixedClock(date: testDate), observer: line)
    _ = try executor.run(try parse("```lab\nprogress 2\n```\n", path: "x.md"))
    let text = sink.text
    #expect(text.contains("\r\u{1B}[2Kx.md  cell 1/1  0.00 s  [#####.....] 1/2 epoch"))
    #expect(text.contains("\r\u{1B}[2Kx.md  cell 1/1  0.00 s  [##########] 2/2 epoch"))
    #expect(text.hasSuffix("\r\u{1B}[2Krendered x.md: 1 cell, 0 failed, 0.00 s\n"))
  }
}
