import Foundation
import NotebookRunner
import Testing

@testable import Bindings
@testable import Kernel

/// The shipped notebook `notebooks/hardware-basics.md` with its `quick` profile, through the runner.
@Suite struct HardwareNotebookTests {
  static let path = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("notebooks/hardware-basics.md").path

  @Test func quickProfileRunsEveryCell() throws {
    let notebook = try NotebookParser.load(path: Self.path)
    let run = try NotebookExecutor(options: RunOptions(profile: "quick", cellTimeout: 120)).run(notebook)
    #expect(run.failedCount == 0)
    for cell in run.cells {
      #expect(!cell.outputs.isEmpty, "cell at line \(cell.cell.line) displayed nothing")
    }
  }
}
