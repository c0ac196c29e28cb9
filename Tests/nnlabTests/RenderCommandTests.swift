import Foundation
import Testing
@testable import NotebookRunner

/// `nnlab render` and `nnlab run` end to end, through the built executable (SwiftPM builds it
/// beside the tests; a missing executable fails the suite, there is no fallback to a library call).
@Suite(.requires("the nnlab executable beside the tests (swift build builds it)", nnlabExecutable != nil))
struct RenderCommandTests {
  /// A notebook in the real language: runs once the kernel does.
  static let notebook = """
    ---
    title: End to end
    description: A table, a chart and a cross reference.
    params:
      bits: 8
    profiles:
      quick: {bits: 4}
    ---

    # Energies

    The costs are in @tbl-costs.

    ```lab
    #| label: tbl-costs
    #| caption: Cost per operation
    rows = [{op: "add", pj: 0.03}, {op: "mult", pj: 0.2}]
    table(rows)
    ```

    ```lab
    print("bits {params.bits}")
    ```
    """

  static let failing = "---\ntitle: Broken\n---\n\n```lab\nx = 1\n```\n\n```lab\nundefined_name + 1\n```\n\n```lab\ny = 2\n```\n"

  @Test
  func renderWritesReportsSidecarsAndIndex() throws {
    let folder = try temporaryFolder()
    try Self.notebook.write(toFile: folder + "/e2e.md", atomically: true, encoding: .utf8)
    let out = folder + "/site"
    let result = try runNNLab(["render", folder + "/e2e.md", "--out", out, "--profile", "quick"])
    let progress = result.standardError
    #expect(result.status == 0, "\(progress)")
    #expect(progress.hasPrefix("rendered \(folder)/e2e.md: 2 cells, 0 failed, "))
    let report = try String(contentsOfFile: out + "/e2e.html", encoding: .utf8)
    #expect(report.contains(##"<a class="xref" href="#tbl-costs">Table 1</a>"##))
    #expect(report.contains("Cost per operation"))
    #expect(report.contains("bits 4"))
    let json = try String(contentsOfFile: out + "/e2e.json", encoding: .utf8)
    #expect(json.contains("\"label\": \"tbl-costs\""))
    #expect(json.contains("0.03"))
    let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    #expect(index.contains("End to end"))
    #expect(FileManager.default.fileExists(atPath: out + "/reference.html"))
  }

  /// The sandbox from the command line: the notebook's folder is writable, `--allow-write` and `--trust` widen it.
  @Test func sandboxFlagsWidenWhatNotebooksMayWrite() throws {
    let folder = try temporaryFolder()
    let elsewhere = try temporaryFolder("elsewhere")
    let notebook = """
      ---
      title: Files
      ---

      ```lab
      net = mlp([2, 2], seed: 1)
      save(net, "net.nnlab")
      save(net, "\(elsewhere)/net.nnlab")
      ```
      """
    try notebook.write(toFile: folder + "/files.md", atomically: true, encoding: .utf8)
    // Everything but --out and the notebook's folder is closed: the second save fails at 8:1.
    let refused = try runNNLab(["render", folder + "/files.md", "--out", folder + "/site"])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("files.md:8:1: error: save(): cannot write '\(elsewhere)/net.nnlab'"), "\(refused.standardError)")
    #expect(FileManager.default.fileExists(atPath: folder + "/net.nnlab"))
    #expect(!FileManager.default.fileExists(atPath: elsewhere + "/net.nnlab"))
    let allowed = try runNNLab(["render", folder + "/files.md", "--out", folder + "/site", "--allow-write", elsewhere])
    #expect(allowed.status == 0, "\(allowed.standardError)")
    try FileManager.default.removeItem(atPath: elsewhere + "/net.nnlab")
    let trusted = try runNNLab(["run", folder + "/files.md", "--trust"])
    #expect(trusted.status == 0, "\(trusted.standardError)")
    #expect(FileManager.default.fileExists(atPath: elsewhere + "/net.nnlab"))
  }

  @Test func memoryLimitBoundsWhatABuiltinMayAllocate() throws {
    let folder = try temporaryFolder()
    try "```lab\nnet = mlp([4000, 4000, 10])\n```\n".write(toFile: folder + "/big.md", atomically: true, encoding: .utf8)
    let refused = try runNNLab(["run", folder + "/big.md", "--memory-limit", "100M"])
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("big.md:2:7: error: mlp(): a model of 16,044,010 parameters would need about 257 MB, over the memory budget of 105 MB"), "\(refused.standardError)")
    #expect(try runNNLab(["run", folder + "/big.md", "--memory-limit", "1G"]).status == 0)
    let bad = try runNNLab(["run", folder + "/big.md", "--memory-limit", "lots"])
    #expect(bad.status != 0 && bad.standardError.contains("--memory-limit must be a positive size such as 4G or 512M, got 'lots'"), "\(bad.standardError)")
  }

  @Test func failingCellMakesTheExitStatusNonZero() throws {
    let folder = try temporaryFolder()
    try Self.failing.write(toFile: folder + "/broken.md", atomically: true, encoding: .utf8)
    let result = try runNNLab(["render", folder, "--out", folder + "/site"])
    let diagnostics = result.standardError
    #expect(result.status == 1)
    #expect(diagnostics.contains("\(folder)/broken.md:"))
    let report = try String(contentsOfFile: folder + "/site/broken.html", encoding: .utf8)
    #expect(report.contains("not run: cell "))
  }

  @Test
  func commandLineErrorsAndVersion() throws {
    let version = try runNNLab(["--version"])
    #expect(version.status == 0)
    #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == NNLab.version)

    let badParameter = try runNNLab(["run", "x.md", "-P", "epochs"])
    #expect(badParameter.status == 64, "usage errors exit with EX_USAGE")
    #expect(badParameter.standardError.contains("-P epochs: expected name=value"))

    let missing = try runNNLab(["run", "/nonexistent/x.md"])
    #expect(missing.status == 1)
    #expect(missing.standardError == "/nonexistent/x.md: error: no such notebook\n")
  }

  @Test
  func referenceCommandWritesMarkdownOrHTML() throws {
    let folder = try temporaryFolder()
    let printed = try runNNLab(["reference"])
    #expect(printed.status == 0)
    #expect(printed.standardOutput == LanguageReference.markdown())
    #expect(try runNNLab(["reference", "--out", folder + "/ref.html"]).status == 0)
    let html = try String(contentsOfFile: folder + "/ref.html", encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("Cell options"))
  }
}
