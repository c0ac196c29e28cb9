import Foundation
import Testing
@testable import NotebookRunner

/// `nnlab check` on a real notebook: it passes against its own render, fails on a number moved
/// outside its tolerance with the notebook's line and the table's row and column, and passes
/// when the tolerance allows the move.
@Suite struct NotebookCheckerTests {
  /// A notebook whose table and chart come from its parameters.
  static func notebook(tolerance: String = "", cellTolerance: String = "") -> String {
    """
    ---
    title: Check
    params:
      accuracy: 0.85
      loss: 120.0
    \(tolerance)
    ---

    ```lab
    #| label: tbl-result
    \(cellTolerance)
    table([{name: "net", accuracy: params.accuracy, loss: params.loss, note: "acc {params.accuracy * 100:.1f}%"}])
    ```

    ```lab
    #| label: fig-curve
    line_chart([{epoch: 1, accuracy: params.accuracy - 0.1}, {epoch: 2, accuracy: params.accuracy}], x: "epoch", y: "accuracy")
    ```
    """
  }

  /// Renders `text` with the given overrides into a fresh site, then checks it with others.
  func check(
    _ text: String, renderedWith: [String] = [], checkedWith: [String] = []
  ) throws -> (NotebookChecker.Outcome, String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-check-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/nb.md"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let sink = TextSink()
    let site = folder + "/site"
    _ = try SiteBuilder(
      options: RunOptions(overrides: try renderedWith.map { try ParameterOverride(parsing: $0) }), outputDirectory: site,
      diagnostics: sink
    ).build([path])
    let output = TextSink()
    let checker = NotebookChecker(
      options: RunOptions(overrides: try checkedWith.map { try ParameterOverride(parsing: $0) }), against: site,
      output: output)
    let result = checker.check([path])
    let outcome = try #require(result.outcomes.first)
    #expect(result.exitStatus == (outcome.passed ? 0 : 1))
    return (outcome, output.text.replacingOccurrences(of: folder + "/", with: ""))
  }

  @Test func aNotebookMatchesItsOwnReport() throws {
    let (outcome, text) = try check(Self.notebook())
    #expect(outcome.passed, "\(text)")
    #expect(outcome.tables == 1 && outcome.charts == 1)
    #expect(text.contains("nb.md: matches"))
  }

  @Test func aChangedNumberIsReportedWithLineRowAndColumn() throws {
    // Parameters differ on purpose: the checker runs with the override, the report without.
    let (outcome, text) = try check(Self.notebook(), checkedWith: ["accuracy=0.86"])
    #expect(!outcome.passed)
    let places = outcome.differences.map(\.place)
    #expect(places.contains("parameters"))
    #expect(places.contains("Table 1 (tbl-result), row 1, column 'accuracy'"))
    #expect(places.contains("Table 1 (tbl-result), row 1, column 'note'"))
    #expect(places.contains("Figure 1 (fig-curve), series 'accuracy', y[1]"))
    #expect(!places.contains { $0.contains("'loss'") }, "an unchanged column is not reported")
    let line = try #require(outcome.differences.first { $0.place.hasSuffix("'accuracy'") })
    #expect(line.description == "\(line.file):10: Table 1 (tbl-result), row 1, column 'accuracy': 0.85 → 0.86 (differs by 0.01, tolerance 1e-09)")
    #expect(text.contains("nb.md: \(outcome.differences.count) differences out of tolerance"))
  }

  @Test func aToleranceInTheFrontMatterAcceptsSmallChanges() throws {
    let text = Self.notebook(tolerance: "tolerance: {accuracy: 0.02, note: 0.02, \"*\": 1e-9}")
    let (inside, _) = try check(text, checkedWith: ["accuracy=0.86"])
    // The chart's series is named "accuracy" too, so the same rule covers it.
    #expect(inside.differences.map(\.place) == ["parameters"])
    let (outside, _) = try check(text, checkedWith: ["accuracy=0.9"])
    #expect(outside.differences.contains { $0.place == "Table 1 (tbl-result), row 1, column 'accuracy'" })
  }

  @Test func aCellToleranceOverridesTheFrontMatter() throws {
    let text = Self.notebook(tolerance: "tolerance: 0.5", cellTolerance: "#| tolerance: {loss: 0}")
    let (outcome, _) = try check(text, checkedWith: ["loss=121"])
    #expect(outcome.differences.map(\.place).contains("Table 1 (tbl-result), row 1, column 'loss'"))
    let (accuracy, _) = try check(text, checkedWith: ["accuracy=0.9"])
    #expect(!accuracy.differences.contains { $0.place.contains("column") }, "0.5 still applies to the other columns")
  }

  @Test func aMissingReportIsAProblemNotAPass() throws {
    let output = TextSink()
    let result = NotebookChecker(against: "/nonexistent-site", output: output).check(["/nonexistent.md"])
    #expect(result.exitStatus == 1)
    #expect(output.text.contains("cannot check: no report at /nonexistent-site/nonexistent.json"))
  }

  @Test func numbersInsideTextAreComparedWithTheTolerance() {
    #expect(SidecarComparison.textAgrees("85.3 ± 0.4", "85.4 ± 0.4", tolerance: 0.01))
    #expect(!SidecarComparison.textAgrees("85.3 ± 0.4", "86.3 ± 0.4", tolerance: 0.01))
    #expect(!SidecarComparison.textAgrees("85.3 ± 0.4", "85.3 of 0.4", tolerance: 1))
    #expect(SidecarComparison.textAgrees("1,234 MACs", "1,235 MACs", tolerance: 1e-3))
    #expect(!SidecarComparison.textAgrees("-2e-3", "2e-3", tolerance: 0.001))
  }

  @Test func toleranceIsRelativeAboveOneAndAbsoluteBelow() {
    #expect(Tolerances.agree(100, 100.9, within: 0.01))
    #expect(!Tolerances.agree(100, 101.1, within: 0.01))
    #expect(Tolerances.agree(0.001, 0.009, within: 0.01))
    #expect(!Tolerances.agree(0.001, 0.02, within: 0.01))
    #expect(Tolerances.agree(.nan, .nan, within: 0))
    #expect(!Tolerances.agree(.infinity, 1e300, within: 1))
  }
}
