import Bindings
import Foundation
import Kernel
import Testing
@testable import NotebookRunner

/// The cell cache: what invalidates a cell, what a hit restores, and what the store survives.
@Suite struct CellCacheTests {
  /// A notebook in a fresh folder, run with the cache on; `sessions` collects each run's kernel.
  final class Fixture: @unchecked Sendable {
    let folder: URL
    let notebook: URL
    var sessions: [Session] = []
    private let lock = NSLock()

    init(_ text: String) throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-cache-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      notebook = folder.appendingPathComponent("nb.md")
      try write(text)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ text: String) throws {
      try text.write(to: notebook, atomically: true, encoding: .utf8)
    }

    var cacheFolder: URL { folder.appendingPathComponent(".nnlab-cache") }

    func run(_ overrides: [String] = [], refresh: Set<String> = [], cache: Bool = true) throws -> NotebookRun {
      var options = RunOptions(overrides: try overrides.map { try ParameterOverride(parsing: $0) }, keepGoing: true)
      options.cache = CacheSettings(enabled: cache, refresh: refresh)
      let executor = NotebookExecutor(options: options, makeEngine: { file, params in
        let session = Session(file: file, params: params)
        self.lock.withLock { self.sessions.append(session) }
        return session
      })
      return try executor.run(try NotebookParser.load(path: notebook.path))
    }
  }

  static func words(_ run: NotebookRun) -> [String] {
    run.cells.map { $0.cache?.word ?? "off" }
  }

  static func text(_ run: NotebookRun) -> [String] {
    run.cells.map { cell in
      cell.outputs.map { item -> String in
        if case .text(let text) = item { return text }
        return "<output>"
      }.joined(separator: "|")
    }
  }

  static let dependencies = """
    ---
    params:
      x: 1
      y: 2
      s: 7
    ---

    ```lab
    a = params.x * 10
    print(a)
    ```

    ```lab
    b = params.y * 10
    print(b)
    ```

    ```lab
    m = load("m.ckpt")
    print(m.parameters)
    ```

    ```lab
    r = random(seed: params.s)
    print(r.uniform())
    ```

    ```lab
    print(r.uniform())
    ```

    ```lab
    print(a + 1)
    ```
    """

  /// Writes a checkpoint of a small network with `width` hidden units beside the notebook.
  static func writeCheckpoint(_ fixture: Fixture, width: Int) throws {
    let session = Session(file: fixture.notebook.path, files: .unrestricted)
    let result = session.run("save(mlp([2, \(width), 3], seed: 1), \"\(fixture.folder.path)/m.ckpt\")", line: 1)
    #expect(result.error == nil)
  }

  @Test func eachDependencyInvalidatesExactlyTheCellsThatReadIt() throws {
    let fixture = try Fixture(Self.dependencies)
    try Self.writeCheckpoint(fixture, width: 4)
    let cold = try fixture.run()
    #expect(cold.failedCount == 0)
    #expect(Self.words(cold) == ["ran", "ran", "ran", "ran", "ran", "ran"])

    let warm = try fixture.run()
    #expect(Self.words(warm) == ["hit", "hit", "hit", "hit", "hit", "hit"])
    #expect(Self.text(warm) == Self.text(cold))

    // A parameter: only the cells that read it (and the cell reading what it bound).
    let x = try fixture.run(["x=2"])
    #expect(Self.words(x) == ["ran", "hit", "hit", "hit", "hit", "ran"])
    #expect(Self.text(x)[5] == "21")
    if case .ran(let reason)? = x.cells[0].cache { #expect(reason == "params.x 1 → 2") } else { Issue.record("cell 1 should run") }

    // An unrelated parameter: every cell hits that does not read it.
    let y = try fixture.run(["y=3"])
    #expect(Self.words(y) == ["hit", "ran", "hit", "hit", "hit", "hit"])

    // A generator's seed: the cell that makes it, and the cell drawing from its state.
    let s = try fixture.run(["s=8"])
    #expect(Self.words(s) == ["hit", "hit", "hit", "ran", "ran", "hit"])
    #expect(Self.text(s)[4] != Self.text(cold)[4])

    // A file's contents.
    try Self.writeCheckpoint(fixture, width: 5)
    let file = try fixture.run()
    #expect(Self.words(file) == ["hit", "hit", "ran", "hit", "hit", "hit"])
    #expect(Self.text(file)[2] != Self.text(cold)[2])

    // The source of one cell.
    try fixture.write(Self.dependencies.replacingOccurrences(of: "print(a + 1)", with: "print(a + 2)"))
    let source = try fixture.run()
    #expect(Self.words(source) == ["hit", "hit", "hit", "hit", "hit", "ran"])
    #expect(Self.text(source)[5] == "12")

    // Prose only.
    try fixture.write(Self.dependencies.replacingOccurrences(of: "print(a + 1)", with: "print(a + 2)") + "\n\nMore prose.\n")
    #expect(Self.words(try fixture.run()) == ["hit", "hit", "hit", "hit", "hit", "hit"])

    // --refresh LABEL runs one cell.
    try fixture.write(Self.dependencies.replacingOccurrences(of: "```lab\nb = ", with: "```lab\n#| label: tbl-bee\nb = "))
    _ = try fixture.run()
    #expect(Self.words(try fixture.run(refresh: ["tbl-bee"])) == ["hit", "ran", "hit", "hit", "hit", "hit"])
    // A label no cell has is said, not silently ignored.
    let typo = try fixture.run(refresh: ["tbl-be"])
    #expect(typo.notes.contains("--refresh tbl-be: no cell of this notebook has that label; did you mean 'tbl-bee'?"), "\(typo.notes)")
  }

  static let training = """
    ```lab
    data = synthetic("blobs", n: 60, seed: 1)
    net = mlp([2, 6, 3], seed: 1)
    b = net
    ```

    ```lab
    h = train(b, data, epochs: 2, seed: 1)
    print(h[1].epoch)
    ```

    ```lab
    print(accuracy(net, data))
    print(net.tensor(net.tensors[0]).values)
    ```

    ```lab
    #| cache: false
    print(accuracy(b, data))
    ```
    """

  @Test func mutationThroughAnAliasIsRestoredAliased() throws {
    let fixture = try Fixture(Self.training.replacingOccurrences(of: "print(h[1].epoch)", with: "print(h[1].epoch)"))
    let cold = try fixture.run()
    #expect(cold.failedCount == 0, "\(cold.cells.compactMap(\.status.error?.message))")
    let warm = try fixture.run()
    #expect(Self.words(warm) == ["hit", "hit", "hit", "not cached"])
    #expect(Self.text(warm) == Self.text(cold))
    let session = fixture.sessions.last!
    guard case .object(let net)? = session.value(of: "net"), case .object(let b)? = session.value(of: "b") else {
      Issue.record("net and b should be models")
      return
    }
    #expect(net === b, "b = net must come back as one model")
  }

  @Test func aCorruptEntryIsDetectedAndTheCellRuns() throws {
    let fixture = try Fixture(Self.dependencies)
    try Self.writeCheckpoint(fixture, width: 4)
    let cold = try fixture.run()
    let entries = fixture.cacheFolder.appendingPathComponent("entries")
    let names = try FileManager.default.contentsOfDirectory(atPath: entries.path)
    #expect(names.count == 6)
    for (i, name) in names.enumerated() {
      let file = entries.appendingPathComponent(name)
      var bytes = [UInt8](try Data(contentsOf: file))
      if i % 2 == 0 {
        bytes[bytes.count - 1] ^= 0x55  // a flipped bit
      } else {
        bytes.removeLast(bytes.count / 3)  // truncated
      }
      try Data(bytes).write(to: file)
    }
    let again = try fixture.run()
    #expect(again.failedCount == 0)
    #expect(Self.text(again) == Self.text(cold))
    #expect(!again.cells.contains { $0.cache?.isHit == true })
    #expect(again.notes.contains { $0.contains("corrupt or truncated") })
    #expect(Self.words(try fixture.run()) == ["hit", "hit", "hit", "hit", "hit", "hit"])
  }

  @Test func twoRendersAtOnceShareTheStore() throws {
    let fixture = try Fixture(Self.dependencies)
    try Self.writeCheckpoint(fixture, width: 4)
    let reference = try Fixture(Self.dependencies)
    try Self.writeCheckpoint(reference, width: 4)
    let expected = Self.text(try reference.run(cache: false))
    let group = DispatchGroup()
    let results = ResultBox()
    for _ in 0..<2 {
      group.enter()
      Thread {
        defer { group.leave() }
        let run = try? fixture.run()
        results.append(run.map(Self.text) ?? [])
      }.start()
    }
    group.wait()
    #expect(results.values == [expected, expected])
    let after = try fixture.run()
    #expect(Self.words(after) == ["hit", "hit", "hit", "hit", "hit", "hit"])
    #expect(Self.text(after) == expected)
  }

  @Test func aNameAssignedItsOldValueIsStillRestored() throws {
    let fixture = try Fixture("""
      ---
      params:
        a: 5
      ---

      ```lab
      x = params.a
      ```

      ```lab
      x = 5
      ```

      ```lab
      print(x)
      ```
      """)
    _ = try fixture.run()
    let run = try fixture.run(["a=3"])
    #expect(Self.words(run) == ["ran", "hit", "hit"])
    #expect(Self.text(run)[2] == "5")
  }

  @Test func theReportShowsHitsPerCell() throws {
    let fixture = try Fixture("```lab\nx = 1\n```\n\n```lab\n#| cache: false\nprint(x)\n```\n")
    let uncached = ReportRenderer().render(try fixture.run(cache: false))
    #expect(!uncached.html.contains("Cell cache"))
    #expect(!uncached.json.contains("\"cache\""))
    _ = try fixture.run()
    let report = ReportRenderer().render(try fixture.run())
    #expect(report.html.contains("<h2>Cell cache</h2>\n<p>1 of 2 cells restored from the cache; the run took "))
    #expect(report.html.contains("<tr><td>cell 1</td><td>hit</td><td>computed in "))
    #expect(report.html.contains("<tr><td>cell 2</td><td>not cached</td><td>cache: false</td></tr>"))
    let document = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any]
    let cache = document?["cache"] as? [[String: Any]]
    #expect(cache?.map { $0["status"] as? String } == ["hit", "not cached"])
    #expect(cache?[1]["reason"] as? String == "cache: false")
    #expect(cache?[0]["reason"] is NSNull)
    #expect((cache?[0]["computed_seconds"] as? Double ?? -1) >= 0)
    #expect(cache?[1]["computed_seconds"] is NSNull)
  }

  /// A hit says how long the cell took when it ran, and the run how long computing every cell
  /// would take; entries stored before nnlab kept the time are still hits, without one.
  @Test func aHitCarriesTheTimeTheCellTookWhenItRan() throws {
    let fixture = try Fixture("```lab\ns = 0\nfor i in range(20000) { s = s + i }\n```\n\n```lab\nprint(s)\n```\n")
    let cold = try fixture.run()
    #expect(cold.coldDuration == nil, "nothing was restored")
    let warm = try fixture.run()
    var computed: [Double] = []
    for (then, now) in zip(cold.cells, warm.cells) {
      guard case .hit(let seconds?)? = now.cache else {
        Issue.record("cell \(now.cell.index + 1) should be a hit with its time")
        continue
      }
      // Timed around the cell's own evaluation, inside the executor's clock for the cell.
      #expect(seconds > 0 && seconds <= then.duration)
      computed.append(seconds)
    }
    let restored = warm.cells.map(\.duration).reduce(0, +)
    #expect(warm.coldDuration == warm.duration - restored + computed.reduce(0, +))
    #expect(CellCacheStatus.hit(computedIn: 2.5).explanation(cell: 3) == "cell 3 hit (computed in 2.5 s)")

    // Traces written before the time was kept.
    let store = try CacheStore(directory: fixture.cacheFolder.path)
    let names = try FileManager.default.contentsOfDirectory(atPath: store.url(.traces, "").path)
    #expect(names.count == 2)
    for name in names {
      let bytes = try #require(store.read(.traces, name))
      var trace = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
      trace["candidates"] = (trace["candidates"] as? [[String: Any]] ?? []).map { $0.filter { $0.key != "seconds" } }
      try store.write(.traces, name, [UInt8](try JSONSerialization.data(withJSONObject: trace)))
    }
    let old = try fixture.run()
    #expect(old.cells.allSatisfy { $0.cache == .hit(computedIn: nil) })
    #expect(old.coldDuration == nil)
  }

  @Test func aCellThatRaisedAnErrorIsNotCached() throws {
    let fixture = try Fixture("""
      ```lab
      #| error: true
      a = 1
      b = a + "x"
      ```

      ```lab
      print(a)
      ```
      """)
    for _ in 0..<2 {
      let run = try fixture.run()
      #expect(run.cells[0].status.error != nil)
      #expect(run.cells[0].cache == .uncached(reason: "it raised an error (errors are not cached)"))
    }
    #expect(Self.words(try fixture.run()) == ["not cached", "hit"])
  }

  @Test func aValueThatCannotBeCachedMakesTheCellRun() throws {
    let fixture = try Fixture("""
      ```lab
      fn outer() {
        fn inner() { return 1 }
        return inner
      }
      f = outer()
      ```

      ```lab
      print(f())
      ```
      """)
    _ = try fixture.run()
    let run = try fixture.run()
    #expect(Self.words(run) == ["not cached", "not cached"])
    #expect(Self.text(run)[1] == "1")
  }

  final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[String]] = []
    func append(_ value: [String]) { lock.withLock { values.append(value) } }
  }
}

/// The store's files: checksums and the size bound.
@Suite struct CacheStoreTests {
  @Test func leastRecentlyUsedFilesGoFirst() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try CacheStore(directory: folder.path)
    let payload = [UInt8](repeating: 7, count: 1000)
    for (i, name) in ["old", "middle", "new"].enumerated() {
      try store.write(.entries, name, payload)
      let date = Date(timeIntervalSinceNow: Double(i - 10) * 60)
      try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: store.url(.entries, name).path)
    }
    // Reading "old" makes it the most recently used.
    #expect(store.read(.entries, "old") == payload)
    store.evict(toFit: 2500)
    #expect(store.contains(.entries, "old"))
    #expect(!store.contains(.entries, "middle"))
    #expect(store.contains(.entries, "new"))
  }

  @Test func aFileThatFailsItsChecksumIsRemoved() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try CacheStore(directory: folder.path)
    try store.write(.blobs, "b", [1, 2, 3])
    var bytes = [UInt8](try Data(contentsOf: store.url(.blobs, "b")))
    bytes[bytes.count - 2] ^= 1
    try Data(bytes).write(to: store.url(.blobs, "b"))
    var notes: [String] = []
    #expect(store.read(.blobs, "b") { notes.append($0) } == nil)
    #expect(!store.contains(.blobs, "b"))
    #expect(notes.count == 1)
  }
}
