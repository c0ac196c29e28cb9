import Foundation
import Kernel
import Testing
@testable import NotebookRunner

@Suite struct NotebookExecutorTests {
  static let threeCells = """
    ```lab
    print one
    ```

    ```lab
    print two
    fail boom
    print never
    ```

    ```lab
    print three
    ```
    """

  @Test func stopsAtTheFirstFailingCell() throws {
    let run = try runScripted(Self.threeCells)
    #expect(run.failedCount == 1)
    #expect(!run.succeeded)
    guard case .failed(let error) = run.cells[1].status else {
      Issue.record("cell 2 should fail")
      return
    }
    #expect(error.rendered.hasPrefix("nb.md:7:1: error: boom"))
    #expect(run.cells[1].outputs.count == 1, "outputs before the error are kept")
    guard case .notRun(let reason) = run.cells[2].status else {
      Issue.record("cell 3 should not run")
      return
    }
    #expect(reason == "cell 2 (line 6) failed")
  }

  @Test func keepGoingRunsEveryCell() throws {
    let run = try runScripted(Self.threeCells, options: RunOptions(keepGoing: true))
    #expect(run.failedCount == 1)
    guard case .ok = run.cells[2].status else {
      Issue.record("cell 3 should run")
      return
    }
  }

  @Test func allowedErrorsContinueAndDoNotFail() throws {
    let run = try runScripted(Self.threeCells.replacingOccurrences(of: "print two", with: "#| error: true\nprint two"))
    #expect(run.failedCount == 0)
    #expect(run.succeeded)
    guard case .allowedError = run.cells[1].status else {
      Issue.record("cell 2's error should be allowed")
      return
    }
  }

  @Test func eachNotebookGetsAFreshEngineAndCellsRunInOrder() throws {
    let factory = ScriptedEngine.Factory()
    let executor = NotebookExecutor(options: RunOptions(keepGoing: true), makeEngine: factory.make, clock: FixedClock(date: testDate))
    let notebook = try parse(Self.threeCells)
    _ = try executor.run(notebook)
    _ = try executor.run(notebook)
    #expect(factory.engines.count == 2)
    #expect(factory.engines[0].ranLines == [2, 6, 12])
    #expect(factory.engines[0] !== factory.engines[1])
  }

  @Test func cellTimeoutsReachTheEngineAndInterruptIt() throws {
    let text = "```lab\n#| timeout: 0.2\nhang\n```\n\n```lab\nprint after\n```\n"
    let factory = ScriptedEngine.Factory()
    let executor = NotebookExecutor(
      options: RunOptions(cellTimeout: 60), makeEngine: factory.make, clock: SystemClock())
    let run = try executor.run(try parse(text))
    #expect(factory.engines[0].timeouts.first == 0.2, "the cell option wins over --timeout")
    guard case .failed(let error) = run.cells[0].status else {
      Issue.record("the hanging cell should fail")
      return
    }
    #expect(error.notes.last == "note: the cell's time limit of 0.2 s was reached")
    #expect(run.cells[1].status.isNotRun)
  }

  @Test func defaultTimeoutAppliesToCellsWithoutTheOption() throws {
    let factory = ScriptedEngine.Factory()
    let executor = NotebookExecutor(options: RunOptions(cellTimeout: 30), makeEngine: factory.make, clock: FixedClock(date: testDate))
    _ = try executor.run(try parse("```lab\nprint x\n```\n"))
    #expect(factory.engines[0].timeouts == [30])
  }

  @Test func totalTimeoutStopsTheNotebookEvenWithKeepGoing() throws {
    let text = "```lab\nhang\n```\n\n```lab\nprint after\n```\n"
    let executor = NotebookExecutor(
      options: RunOptions(keepGoing: true, totalTimeout: 0.2), makeEngine: ScriptedEngine.Factory().make,
      clock: SystemClock())
    let run = try executor.run(try parse(text))
    guard case .failed(let error) = run.cells[0].status else {
      Issue.record("the hanging cell should fail")
      return
    }
    #expect(error.notes.last == "note: the notebook's time limit (--total-timeout 0.2 s) was reached")
    guard case .notRun(let reason) = run.cells[1].status else {
      Issue.record("the second cell should not run")
      return
    }
    #expect(reason == "the notebook's time limit (0.2 s) was reached")
    #expect(!run.succeeded)
  }

  @Test func interruptStopsTheRunningCellAndTheRest() throws {
    let interrupts = InterruptController()
    let executor = NotebookExecutor(
      options: RunOptions(keepGoing: true), makeEngine: ScriptedEngine.Factory().make, clock: SystemClock(),
      interrupts: interrupts)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { interrupts.interrupt() }
    let run = try executor.run(try parse("```lab\nhang\n```\n\n```lab\nprint after\n```\n"))
    #expect(run.interrupted)
    #expect(run.cells[0].status.error?.notes.last == "note: interrupted by the user (Ctrl-C)")
    guard case .notRun(let reason) = run.cells[1].status else {
      Issue.record("the second cell should not run")
      return
    }
    #expect(reason == "the run was interrupted (Ctrl-C)")
  }

  @Test func progressEventsReachTheObserver() throws {
    let observer = RecordingObserver()
    let executor = NotebookExecutor(makeEngine: ScriptedEngine.Factory().make, clock: FixedClock(date: testDate), observer: observer)
    _ = try executor.run(try parse("```lab\nprogress 3\n```\n\n```lab\nprint x\n```\n"))
    #expect(observer.log == [
      "start 2", "cell 1", "progress 1/3 epoch", "progress 2/3 epoch", "progress 3/3 epoch", "done 1", "cell 2",
      "done 2", "finish",
    ])
  }

  @Test func cacheOptionIsRecordedAndNeedsTheKernel() throws {
    // A scripted engine is not the kernel's session: the cell cache cannot serve it and stays out of the way.
    let run = try runScripted("```lab\n#| cache: true\nprint x\n```\n")
    #expect(run.cells[0].cell.options.cache == true)
    #expect(run.cells[0].cache == nil)
    #expect(run.notes.isEmpty)
  }
}

/// Writes down what the executor tells its observer.
final class RecordingObserver: ExecutionObserver, @unchecked Sendable {
  private let lock = NSLock()
  private(set) var log: [String] = []
  private func add(_ entry: String) {
    lock.lock()
    log.append(entry)
    lock.unlock()
  }
  func notebookStarted(_ notebook: Notebook, cellCount: Int) { add("start \(cellCount)") }
  func cellStarted(_ cell: CodeCell) { add("cell \(cell.index + 1)") }
  func progress(_ event: ProgressEvent) { add("progress \(event.done)/\(event.total ?? 0) \(event.task)") }
  func cellFinished(_ run: CellRun) { add("done \(run.cell.index + 1)") }
  func notebookFinished(_ run: NotebookRun) { add("finish") }
}
