import Foundation
import NotebookRunner
import Testing

@testable import Bindings
@testable import Kernel

/// The shipped notebook `notebooks/class-aware-pruning.md` with its `quick` profile, through the runner.
@Suite("Class-aware pruning notebook", .requires("dataset-fashion-mnist (make test installs it) or NNLAB_DATA", capHasFashionMNIST))
struct ClassAwarePruningNotebookTests {
  static let path = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("notebooks/class-aware-pruning.md").path

  @Test func quickProfileRunsEveryCellAndTheTablesHaveTheirColumns() throws {
    let notebook = try NotebookParser.load(path: Self.path)
    let run = try NotebookExecutor(options: RunOptions(profile: "quick", cellTimeout: 240)).run(notebook)
    #expect(run.failedCount == 0)
    #expect(run.parameters["train"]?.repr == "60")
    var tables = [String: [String]]()
    var charts = 0
    for cell in run.cells {
      #expect(!cell.outputs.isEmpty, "cell at line \(cell.cell.line) displayed nothing")
      for item in cell.outputs {
        switch item {
        case .table(let table): if let label = cell.cell.options.label { tables[label] = table.columns }
        case .chart: charts += 1
        case .text: break
        }
      }
    }
    #expect(charts == 8)
    #expect(
      tables["tbl-main"] == [
        "network", "paper_network", "acc_before", "acc_after", "change", "params", "params_cut", "macs", "macs_cut",
        "paper_reported",
      ])
    #expect(tables["tbl-baselines"] == ["network", "method", "accuracy", "right_after_cut", "macs", "params", "epochs"])
    #expect(tables["tbl-rounds"] == ["network", "round", "below", "removed", "filters", "accuracy", "params", "macs", "kept"])
    #expect(tables["tbl-thresholds"] == ["threshold", "vgg_small", "resnet20"])
    #expect(tables["tbl-readings"] == ["detail", "value", "source"])
    // The closing section is written from the run's numbers.
    let closing = run.cells.last?.outputs.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
      .joined(separator: "\n") ?? ""
    #expect(closing.contains("vgg_small, standing in for VGG16:"))
    #expect(closing.contains("Against taylor pruning at the same filter counts"))
  }
}
