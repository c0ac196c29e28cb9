import Foundation
import Testing

/// The same notebook rendered twice, in two processes of the built `nnlab`, gives the same
/// sidecar apart from run times (the `seconds` and `examples_per_second` columns of training
/// histories): seeded training, Monte Carlo sampling, hardware simulation and charts alike.
@Suite(.requires("the nnlab executable beside the tests (swift build builds it)", nnlabExecutable != nil))
struct DeterminismTests {
  static let notebook = """
    ---
    title: Twice
    ---

    ```lab
    d = synthetic("spirals", n: 300, classes: 3, seed: 4, validation: 0.2)
    net = mlp([2, 32, 32, 3], seed: 2)
    h = train(net, d, epochs: 3, lr: 0.01, optimizer: "adam", batch: 16, seed: 5)
    show(h)
    line_chart(h, x: "epoch", y: ["loss", "test_accuracy"])
    ```

    ```lab
    r = accuracy_under_variation(net, d, sigma: 0.5, samples: 3, seed: 7)
    table([{sample: i, accuracy: r.samples[i]} for i in range(len(r.samples))])
    ```

    ```lab
    c = characterize(mac(bits: 4), counting: "inertial")
    print(c)
    ```
    """

  /// Columns and series that hold times.
  static let timeColumns: Set<String> = ["seconds", "examples_per_second"]

  /// `sidecar` without its time columns, and without `provenance` (the machine, each cell's
  /// time) and `cache` (hits), the two keys meant to differ between renders.
  static func withoutTimes(_ sidecar: [String: Any]) -> [String: Any] {
    var result = sidecar
    result["provenance"] = nil
    result["cache"] = nil
    result["tables"] = (sidecar["tables"] as? [[String: Any]] ?? []).map { table in
      var table = table
      let columns = table["columns"] as? [String] ?? []
      let keep = columns.indices.filter { !timeColumns.contains(columns[$0]) }
      table["columns"] = keep.map { columns[$0] }
      table["rows"] = (table["rows"] as? [[Any]] ?? []).map { row in keep.map { row[$0] } }
      return table
    }
    result["charts"] = (sidecar["charts"] as? [[String: Any]] ?? []).map { chart in
      var chart = chart
      if var spec = chart["spec"] as? [String: Any] {
        spec["series"] = (spec["series"] as? [[String: Any]] ?? []).filter { !timeColumns.contains($0["name"] as? String ?? "") }
        chart["spec"] = spec
      }
      return chart
    }
    return result
  }

  @Test func renderingTwiceGivesTheSameSidecar() throws {
    let folder = try temporaryFolder()
    try Self.notebook.write(toFile: folder + "/twice.md", atomically: true, encoding: .utf8)
    var sidecars: [[String: Any]] = []
    for run in ["a", "b"] {
      let result = try runNNLab(["render", folder + "/twice.md", "--out", folder + "/" + run])
      #expect(result.status == 0, "\(result.standardError)")
      let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/\(run)/twice.json"))
      sidecars.append(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }
    let (a, b) = (Self.withoutTimes(sidecars[0]), Self.withoutTimes(sidecars[1]))
    #expect((a["tables"] as? [Any])?.count == 2)
    #expect((a["charts"] as? [Any])?.count == 2)
    #expect(NSDictionary(dictionary: a).isEqual(to: b), "the two renders differ beyond run times")
    // A control: the comparison sees a changed figure.
    var changed = b
    var tables = changed["tables"] as? [[String: Any]] ?? []
    tables[1]["rows"] = [[0, 0.5]]
    changed["tables"] = tables
    #expect(!NSDictionary(dictionary: a).isEqual(to: changed))
  }
}
