import Foundation
import Testing

/// Two `nnlab` processes rendering one notebook into one cell-cache store at the same time.
@Suite struct CacheProcessesTests {
  static let notebook = """
    ---
    title: Two at once
    ---

    ```lab
    data = synthetic("blobs", n: 300, classes: 3, seed: 4)
    net = mlp([2, 16, 3], seed: 2)
    ```

    ```lab
    #| label: tbl-train
    h = train(net, data, epochs: 3, lr: 0.1, batch: 16, seed: 1)
    table([{epoch: r.epoch, loss: r.loss, accuracy: r.test_accuracy} for r in h])
    ```

    ```lab
    r = random(seed: 9)
    table([{k: k, draw: r.uniform()} for k in 0..<20])
    ```

    ```lab
    table([{accuracy: accuracy(net, data.test)}])
    ```
    """

  /// The sidecar without what differs between runs (times, the machine, cache statuses).
  static func results(_ path: String) throws -> NSDictionary {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
    for key in ["provenance", "cache", "duration", "rendered_at", "generated"] { document[key] = nil }
    return document as NSDictionary
  }

  @Test(.enabled(if: nnlabExecutable != nil, "needs the built nnlab"))
  func twoProcessesShareOneStoreWithoutCorruptingIt() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Self.notebook.write(toFile: folder + "/two.md", atomically: true, encoding: .utf8)
    let reference = try runNNLab(["render", folder + "/two.md", "--out", folder + "/plain"])
    #expect(reference.status == 0, "\(reference.standardError)")
    let expected = try Self.results(folder + "/plain/two.json")

    let store = folder + "/store"
    let finished = Finished()
    let group = DispatchGroup()
    for name in ["a", "b"] {
      group.enter()
      Thread {
        defer { group.leave() }
        let result = try? runNNLab(["render", folder + "/two.md", "--out", folder + "/" + name, "--cache", "--cache-dir", store])
        finished.add(name, result)
      }.start()
    }
    group.wait()
    for name in ["a", "b"] {
      let result = finished.result(name)
      #expect(result?.status == 0, "\(name): \(result?.standardError ?? "did not run")")
      #expect(try Self.results(folder + "/\(name)/two.json") == expected, "\(name) reports what an uncached render does")
    }
    // Every entry either process wrote is whole: a third render restores every cell from them.
    let third = try runNNLab(["render", folder + "/two.md", "--out", folder + "/c", "--cache", "--cache-dir", store, "--explain"])
    #expect(third.status == 0, "\(third.standardError)")
    #expect(!(third.standardError + third.standardOutput).contains("corrupt"), "\(third.standardError)")
    let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/c/two.json"))) as? [String: Any]
    let statuses = (sidecar?["cache"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
    #expect(statuses == ["hit", "hit", "hit", "hit"], "\(third.standardError)")
    #expect(try Self.results(folder + "/c/two.json") == expected)
  }

  /// The cache statuses of a render's cells, from its sidecar.
  static func statuses(_ sidecar: String) throws -> [String]? {
    let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sidecar))) as? [String: Any]
    return (document?["cache"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
  }

  @Test(.enabled(if: nnlabExecutable != nil, "needs the built nnlab"))
  func aCopyOfTheExecutableHitsAndAChangedOneRuns() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Self.notebook.write(toFile: folder + "/two.md", atomically: true, encoding: .utf8)
    let store = folder + "/store"
    let first = try runNNLab(["render", folder + "/two.md", "--out", folder + "/a", "--cache", "--cache-dir", store])
    #expect(first.status == 0, "\(first.standardError)")

    // The same executable under another path, with a new modification time: the same build.
    try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
    let copy = URL(fileURLWithPath: folder + "/bin/nnlab")
    try FileManager.default.copyItem(at: nnlabExecutable!, to: copy)
    try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: copy.path)
    let second = try runNNLab(["render", folder + "/two.md", "--out", folder + "/b", "--cache", "--cache-dir", store], executable: copy)
    #expect(second.status == 0, "\(second.standardError)")
    #expect(try Self.statuses(folder + "/b/two.json") == ["hit", "hit", "hit", "hit"], "\(second.standardError)")

    // One byte more at the end (the loader ignores it): another build as far as the cache can tell.
    let handle = try FileHandle(forWritingTo: copy)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data([0]))
    try handle.close()
    let third = try runNNLab(["render", folder + "/two.md", "--out", folder + "/c", "--cache", "--cache-dir", store], executable: copy)
    #expect(third.status == 0, "\(third.standardError)")
    #expect(try Self.statuses(folder + "/c/two.json") == ["ran", "ran", "ran", "ran"], "\(third.standardError)")
  }

  final class Finished: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [String: ProcessResult] = [:]
    func add(_ name: String, _ result: ProcessResult?) { lock.withLock { results[name] = result } }
    func result(_ name: String) -> ProcessResult? { lock.withLock { results[name] } }
  }
}
