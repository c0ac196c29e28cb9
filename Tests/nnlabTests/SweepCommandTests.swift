import Foundation
import Testing

/// `nnlab render --sweep` and `nnlab check`, run as the built executable.
@Suite struct SweepCommandTests {
  static let notebook = """
    ---
    title: Sweep demo
    params:
      seed: 1
    ---

    ```lab
    #| label: tbl-r
    assert(params.seed != 4, "seed 4 is refused")
    rows = [{name: "a", acc: 0.8 + 0.01 * params.seed, count: 1200 + params.seed, fixed: 3}]
    table(rows, formats: {acc: ".1%", count: ","})
    ```

    ```lab
    #| label: fig-c
    line_chart([{x: 1, y: params.seed}, {x: 2, y: 2 * params.seed}], x: "x", y: "y")
    ```

    ```lab
    print("The accuracy is {rows[0].acc:.1%}.")
    ```
    """

  func sidecar(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
  }

  @Test func aSweepRunsEveryPointAndSummarisesThemAsMeanAndDeviation() throws {
    try #require(nnlabExecutable != nil, "the nnlab executable is built beside the tests")
    let folder = try temporaryFolder()
    try Self.notebook.write(toFile: folder + "/sw.md", atomically: true, encoding: .utf8)
    let out = folder + "/site"
    let result = try runNNLab(["render", folder + "/sw.md", "--out", out, "--sweep", "seed=1,2,3", "--jobs", "2"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.contains("3/3 runs done"))
    for seed in 1...3 {
      let point = try sidecar(out + "/sw.sweep/seed-\(seed)/sw.json")
      #expect((point["parameters"] as? [String: Any])?["seed"] as? Double == Double(seed))
    }
    let summary = try sidecar(out + "/sw.json")
    #expect((summary["parameters"] as? [String: Any])?["seed"] as? [Double] == [1, 2, 3])
    let row = try #require(((summary["tables"] as? [[String: Any]])?.first?["rows"] as? [[Any]])?.first)
    #expect(row[0] as? String == "a")
    #expect(abs((row[1] as? Double ?? 0) - 0.82) < 1e-12, "the mean of 0.81, 0.82, 0.83")
    #expect(row[2] as? Double == 1202)
    #expect(row[3] as? Double == 3)
    let html = try String(contentsOfFile: out + "/sw.html", encoding: .utf8)
    #expect(html.contains("82.0% ± 1.0%"), "sample deviation of 0.81, 0.82, 0.83 is 0.01")
    #expect(html.contains("1,202 ± 1"))
    #expect(html.contains("<td class=\"num\">3</td>") || html.contains(">3</td>"), "a number equal in every run stays plain")
    #expect(html.contains("[from the run seed=1]\nThe accuracy is 81.0%."))
    let series = try #require(((summary["charts"] as? [[String: Any]])?.first?["spec"] as? [String: Any])?["series"] as? [[String: Any]])
    #expect(series.first?["y"] as? [Double] == [2, 4])
    #expect(series.first?["lower"] as? [Double] == [1, 2])
    #expect(series.first?["upper"] as? [Double] == [3, 6])
    let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    #expect(index.contains("sw.sweep/seed-3/sw.html") && index.contains("summary of 3 runs"))
    // The folder is the sweep's own: rendering it again is allowed.
    #expect(try runNNLab(["render", folder + "/sw.md", "--out", out, "--sweep", "seed=1,2"]).status == 0)
  }

  @Test func aFailingPointIsReportedAndTheOthersAreStillSummarised() throws {
    try #require(nnlabExecutable != nil, "the nnlab executable is built beside the tests")
    let folder = try temporaryFolder()
    try Self.notebook.write(toFile: folder + "/sw.md", atomically: true, encoding: .utf8)
    let result = try runNNLab(["render", folder + "/sw.md", "--out", folder + "/site", "--sweep", "seed=1,4"])
    #expect(result.status == 1)
    #expect(result.standardError.contains("seed 4 is refused"), "\(result.standardError)")
    let html = try String(contentsOfFile: folder + "/site/sw.html", encoding: .utf8)
    #expect(html.contains("cell 1 (line 8) failed in seed=4 only"))
  }

  @Test func badSweepsAreRefusedBeforeAnythingRuns() throws {
    try #require(nnlabExecutable != nil, "the nnlab executable is built beside the tests")
    let folder = try temporaryFolder()
    try Self.notebook.write(toFile: folder + "/sw.md", atomically: true, encoding: .utf8)
    let malformed = try runNNLab(["render", folder + "/sw.md", "--out", folder + "/site", "--sweep", "seed"])
    #expect(malformed.status != 0 && malformed.standardError.contains("--sweep expects name=value1,value2,..., got 'seed'"), "\(malformed.standardError)")
    let unknown = try runNNLab(["render", folder + "/sw.md", "--out", folder + "/site", "--sweep", "sed=1,2"])
    #expect(unknown.status == 1)
    #expect(unknown.standardError.contains("error: --sweep sed=1: no parameter 'sed' in this notebook; did you mean 'seed'?"), "\(unknown.standardError)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/site/sw.sweep"), "no point ran")
  }

  @Test func checkPassesOnItsOwnRenderAndFailsOnAChangedNumber() throws {
    try #require(nnlabExecutable != nil, "the nnlab executable is built beside the tests")
    let folder = try temporaryFolder()
    try Self.notebook.write(toFile: folder + "/sw.md", atomically: true, encoding: .utf8)
    #expect(try runNNLab(["render", folder + "/sw.md", "--out", folder + "/site"]).status == 0)
    let same = try runNNLab(["check", folder + "/sw.md", "--against", folder + "/site"])
    #expect(same.status == 0, "\(same.standardOutput)\(same.standardError)")
    #expect(same.standardOutput.contains("sw.md: matches"))
    let changed = try runNNLab(["check", folder + "/sw.md", "--against", folder + "/site", "-P", "seed=2"])
    #expect(changed.status == 1)
    #expect(changed.standardOutput.contains("sw.md:8: Table 1 (tbl-r), row 1, column 'acc': 0.81 → 0.82"), "\(changed.standardOutput)")
    let missing = try runNNLab(["check", folder + "/sw.md", "--against", folder + "/nowhere"])
    #expect(missing.status == 1 && missing.standardOutput.contains("cannot check: no report at"))
  }
}
