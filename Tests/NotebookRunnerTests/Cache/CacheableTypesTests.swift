import Bindings
import Foundation
import Kernel
import Testing
@testable import NotebookRunner

/// The binary forms of the hardware objects and layers: a cell that makes them is restored
/// from the cache, and what is restored behaves exactly as what the cold run made.
@Suite struct CacheableTypesTests {
  static let notebook = """
    ```lab
    m = mac(4, accumulator: 10)
    e = embed(m, 3)
    alias = e
    p = characterize(m, weights: [0, 1, -3], transitions: 200, seed: 2)
    x = crossbar(rows: 8, cols: 4, levels: 16, adc_bits: 6)
    v = lognormal(0.3, model: "devices")
    data = synthetic("blobs", n: 60, classes: 3, seed: 1)
    net = mlp([2, 6, 3], seed: 1)
    l = net.layer("fc1")
    ```

    ```lab
    train(net, data, epochs: 2, lr: 0.1, batch: 16, seed: 1)
    ```

    ```lab
    #| cache: false
    print(e.metrics, m.metrics, e.weight, alias.kind)
    print(p.rows, p.leakage, p.cheapest(2))
    print(x, v, v.mean_factor)
    print(accuracy_under_variation(net, data.test, sigma: v, crossbar: x, samples: 3, seed: 4))
    print(l.name, l.weight)
    ```
    """

  @Test func hardwareObjectsAndLayersRoundTripExactly() throws {
    let fixture = try CellCacheTests.Fixture(Self.notebook)
    let cold = try fixture.run()
    #expect(cold.failedCount == 0, "\(cold.cells.compactMap(\.status.error?.message))")
    #expect(CellCacheTests.words(cold) == ["ran", "ran", "not cached"])
    let warm = try fixture.run()
    #expect(warm.failedCount == 0, "\(warm.cells.compactMap(\.status.error?.message))")
    #expect(CellCacheTests.words(warm) == ["hit", "hit", "not cached"])
    // The uncached cell simulates the restored circuits again, reads the restored table and
    // runs the restored crossbar and variation: every figure must be the cold run's.
    #expect(CellCacheTests.text(warm) == CellCacheTests.text(cold))

    let (before, after) = (fixture.sessions[0], fixture.sessions[1])
    for name in ["m", "e", "p", "x", "v", "l"] {
      guard case .object(let a)? = before.value(of: name), case .object(let b)? = after.value(of: name) else {
        Issue.record("\(name) should be an object in both runs")
        continue
      }
      #expect(a !== b)
      #expect(type(of: a) == type(of: b), "\(name)")
      #expect(try before.contentDigest(of: a) == after.contentDigest(of: b), "\(name) must come back bit for bit")
    }
    guard case .object(let e as CircuitObject)? = after.value(of: "e"), case .object(let m as CircuitObject)? = after.value(of: "m"),
      case .object(let alias)? = after.value(of: "alias"), case .object(let l as LayerObject)? = after.value(of: "l"),
      case .object(let net as ModelObject)? = after.value(of: "net"),
      case .object(let coldE as CircuitObject)? = before.value(of: "e")
    else {
      Issue.record("restored objects have the wrong types")
      return
    }
    #expect(e.generic === m, "the embedded circuit keeps its generic circuit, as one object")
    #expect(alias === e, "alias = e comes back aliased")
    #expect(l.model === net.model, "the layer stays a view of the restored network")
    // The restored netlist is the cold one, cell for cell.
    #expect(e.netlist.instances == coldE.netlist.instances)
    #expect(e.netlist.inputPorts == coldE.netlist.inputPorts && e.netlist.outputNets == coldE.netlist.outputNets)
  }

  @Test func quantisedModelsWithHooksAndPenaltiesRoundTripExactly() throws {
    let fixture = try CellCacheTests.Fixture("""
      ```lab
      data = synthetic("blobs", n: 120, classes: 3, seed: 1)
      net = mlp([2, 8, 3], seed: 1)
      train(net, data, epochs: 1, lr: 0.1, batch: 16, seed: 1)
      q = quantize(net, bits: 4, activations: 4, calibrate: data.train)
      q2 = quantize(q, bits: 6, activations: 5, calibrate: data.train)
      pens = [l1(0.001), orthogonality(0.001), lipschitz(0.01, 0.3)]
      l = q.layer("fc1")
      ```

      ```lab
      train(q, data, epochs: 1, lr: 0.05, batch: 16, penalties: pens, seed: 2)
      ```

      ```lab
      #| cache: false
      print(accuracy(q, data.test), accuracy(q2, data.test), q2.quantization, [p.name for p in pens], l.weight)
      print(train(q.copy(), data, epochs: 1, lr: 0.05, batch: 16, penalties: pens, seed: 3)[0].loss)
      ```
      """)
    let cold = try fixture.run()
    #expect(cold.failedCount == 0, "\(cold.cells.compactMap(\.status.error?.message))")
    let warm = try fixture.run()
    #expect(CellCacheTests.words(warm) == ["hit", "hit", "not cached"], "\(warm.cells.map { $0.cache.map { "\($0)" } ?? "" })")
    #expect(CellCacheTests.text(warm) == CellCacheTests.text(cold))
    let (before, after) = (fixture.sessions[0], fixture.sessions[1])
    for name in ["q", "q2", "pens", "l"] {
      guard let a = before.value(of: name), let b = after.value(of: name) else {
        Issue.record("\(name) should be bound in both runs")
        continue
      }
      #expect(try before.digest(a, object: before.contentDigest(of:)) == after.digest(b, object: after.contentDigest(of:)), "\(name)")
    }
    guard case .object(let q as ModelObject)? = after.value(of: "q"), case .object(let l as LayerObject)? = after.value(of: "l") else {
      Issue.record("q and l should be a model and a layer")
      return
    }
    #expect(!q.hooks.isEmpty && q.activationStages?.count == 1)
    #expect(l.model === q.model, "the layer stays a view of the quantised model")
  }

  @Test func anExitModelItsLossSearchesAndEvaluationsRoundTripExactly() throws {
    guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else { return }
    let fixture = try CellCacheTests.Fixture("""
      ```lab
      data = fashion_mnist(train: 40, test: 20, seed: 1, size: 14)
      net = vgg_small(width: 0.125, input: data, seed: 1)
      ee = multi_exit(net, ["relu1", "relu2"], seed: 1)
      loss = exit_loss(ee)
      ```

      ```lab
      train(ee.model, data, epochs: 1, lr: 0.05, batch: 20, penalties: [loss], seed: 1)
      scores = exit_scores(ee, data, part: "test")
      betas = beta_search(scores, 0.05)
      thr = cr_search(scores, 0.05)
      ev = exit_evaluate(ee, data, search: betas, time: true, repeats: 2)
      ```

      ```lab
      #| cache: false
      print(betas.betas, betas.trials, thr.threshold, ev.accuracy, ev.macs, ev.exits, ev.seconds, ev.time_reduction)
      print(train(ee.model, data, epochs: 1, lr: 0.05, batch: 20, penalties: [loss], seed: 2)[0].loss, ee.head_parameters)
      ```
      """)
    let cold = try fixture.run()
    #expect(cold.failedCount == 0, "\(cold.cells.compactMap(\.status.error?.message))")
    let warm = try fixture.run()
    #expect(CellCacheTests.words(warm) == ["hit", "hit", "not cached"], "\(warm.cells.map { $0.cache.map { "\($0)" } ?? "" })")
    // The last cell trains the restored heads and backbone again: its loss is the cold run's only
    // if every head parameter came back bit for bit and the loss still trains the restored heads.
    #expect(CellCacheTests.text(warm) == CellCacheTests.text(cold))
    for name in ["scores", "loss", "betas", "thr", "ev"] {
      guard case .object(let a)? = fixture.sessions[0].value(of: name), case .object(let b)? = fixture.sessions[1].value(of: name) else {
        Issue.record("\(name) should be an object")
        continue
      }
      #expect(try fixture.sessions[0].contentDigest(of: a) == fixture.sessions[1].contentDigest(of: b), "\(name)")
    }
  }

  @Test func aChangedLibraryFileMakesTheCircuitsCellsMiss() throws {
    let fixture = try CellCacheTests.Fixture("")
    let source = "/usr/share/qflow/tech/osu035/osu035_stdcells.lib"
    guard FileManager.default.fileExists(atPath: source) else { return }
    let library = fixture.folder.appendingPathComponent("cells.lib")
    try FileManager.default.copyItem(atPath: source, toPath: library.path)
    try fixture.write("""
      ```lab
      m = multiplier(3, library: "\(library.path)")
      ```

      ```lab
      print(m.area, m.delay)
      ```
      """)
    let cold = try fixture.run()
    #expect(cold.failedCount == 0, "\(cold.cells.compactMap(\.status.error?.message))")
    #expect(CellCacheTests.words(try fixture.run()) == ["hit", "hit"])
    // Another library under the same path: both the cell that read it and the one that read the circuit run again.
    var text = try String(contentsOf: library, encoding: .utf8)
    text += "\n/* edited */\n"
    try text.write(to: library, atomically: true, encoding: .utf8)
    #expect(CellCacheTests.words(try fixture.run()) == ["ran", "ran"])
  }

}

/// The sandbox's verdict on each file a cell read, and the memory budget, are part of its key.
@Suite struct CacheSandboxKeyTests {
  static func run(_ fixture: CellCacheTests.Fixture, files: FileAccess, memory: Int? = nil) throws -> NotebookRun {
    var options = RunOptions(keepGoing: true)
    options.cache = CacheSettings(enabled: true)
    let executor = NotebookExecutor(options: options, makeEngine: { file, params in
      Session(file: file, params: params, files: files, memoryBudget: memory)
    })
    return try executor.run(try NotebookParser.load(path: fixture.notebook.path))
  }

  @Test func aCellThatRanInAWiderSandboxDoesNotHitInANarrowerOne() throws {
    let outside = try CellCacheTests.Fixture("")
    let fixture = try CellCacheTests.Fixture("")
    try CellCacheTests.writeCheckpoint(outside, width: 4)
    try fixture.write("```lab\nm = load(\"\(outside.folder.path)/m.ckpt\")\nprint(m.parameters)\n```\n")
    let trusted = try Self.run(fixture, files: .unrestricted)
    #expect(trusted.failedCount == 0, "\(trusted.cells.compactMap(\.status.error?.message))")
    #expect(CellCacheTests.words(try Self.run(fixture, files: .unrestricted)) == ["hit"])
    let sandboxed = try Self.run(fixture, files: FileAccess())
    #expect(CellCacheTests.words(sandboxed) == ["not cached"])
    #expect(sandboxed.failedCount == 1, "the default sandbox refuses a file outside the notebook's folder")
    let allowed = try Self.run(fixture, files: FileAccess(readable: [outside.folder.path]))
    #expect(CellCacheTests.words(allowed) == ["hit"], "a sandbox that allows the read still hits")
    #expect(allowed.failedCount == 0)
  }

  @Test func aCellThatFitTheMemoryBudgetDoesNotHitUnderASmallerOne() throws {
    let fixture = try CellCacheTests.Fixture("```lab\ndata = synthetic(\"blobs\", n: 3000, seed: 1)\nprint(data.train.count)\n```\n")
    let roomy = try Self.run(fixture, files: FileAccess())
    #expect(roomy.failedCount == 0)
    #expect(CellCacheTests.words(try Self.run(fixture, files: FileAccess())) == ["hit"])
    let tight = try Self.run(fixture, files: FileAccess(), memory: 10_000)
    #expect(CellCacheTests.words(tight) == ["not cached"])
    #expect(tight.failedCount == 1, "\(tight.cells.map(\.outputs))")
  }
}

/// Data sets are stored by how they were made and a digest of their contents, not copied.
@Suite struct CachedDatasetTests {
  @Test func aSyntheticDataSetIsStoredByItsParameters() throws {
    let fixture = try CellCacheTests.Fixture("""
      ```lab
      data = synthetic("spirals", n: 90, classes: 3, seed: 2, validation: 0.2)
      part = data.test
      ```

      ```lab
      #| cache: false
      print(data.train.inputs, data.validation.labels, part.labels, part.inputs)
      ```
      """)
    let cold = try fixture.run()
    #expect(cold.failedCount == 0, "\(cold.cells.compactMap(\.status.error?.message))")
    let warm = try fixture.run()
    #expect(CellCacheTests.words(warm) == ["hit", "not cached"])
    #expect(CellCacheTests.text(warm) == CellCacheTests.text(cold))
    let blobs = fixture.cacheFolder.appendingPathComponent("blobs")
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: blobs.path)) ?? []).isEmpty, "nothing of the data is copied")
    for name in ["data", "part"] {
      guard case .object(let a)? = fixture.sessions[0].value(of: name), case .object(let b)? = fixture.sessions[1].value(of: name) else {
        Issue.record("\(name) should be an object")
        continue
      }
      #expect(try fixture.sessions[0].contentDigest(of: a) == fixture.sessions[1].contentDigest(of: b))
    }
  }

  @Test func aFashionMNISTDataSetIsStoredByItsFilesAndAChangedFileMisses() throws {
    let source = "/usr/share/datasets/fashion-mnist"
    guard FileManager.default.fileExists(atPath: source) else { return }
    let fixture = try CellCacheTests.Fixture("")
    let folder = fixture.folder.appendingPathComponent("fm")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: source) {
      try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: folder.appendingPathComponent(name).path)
    }
    try fixture.write("""
      ```lab
      data = fashion_mnist(train: 30, test: 20, seed: 3, folder: "fm", size: 14)
      ```

      ```lab
      print(data.test.labels, data.train.class_counts)
      ```
      """)
    let cold = try fixture.run()
    #expect(cold.failedCount == 0, "\(cold.cells.compactMap(\.status.error?.message))")
    let warm = try fixture.run()
    #expect(CellCacheTests.words(warm) == ["hit", "hit"])
    #expect(CellCacheTests.text(warm) == CellCacheTests.text(cold))
    if case .object(let a)? = fixture.sessions[0].value(of: "data"), case .object(let b)? = fixture.sessions[1].value(of: "data") {
      #expect(try fixture.sessions[0].contentDigest(of: a) == fixture.sessions[1].contentDigest(of: b), "made again bit for bit")
    } else {
      Issue.record("data should be an object")
    }
    let stored = try FileManager.default.subpathsOfDirectory(atPath: fixture.cacheFolder.path).compactMap {
      (try? FileManager.default.attributesOfItem(atPath: fixture.cacheFolder.appendingPathComponent($0).path))?[.size] as? Int
    }.reduce(0, +)
    #expect(stored < 200_000, "the entries hold the data set's source and digest, not its \(30 * 14 * 14 * 4) bytes of inputs: \(stored)")
    // The test labels replaced by other bytes: nothing hits; the cell reading them fails.
    try Data([0x1f, 0x8b, 0, 1, 2, 3]).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
    let changed = try fixture.run()
    #expect(!changed.cells.contains { $0.cache?.isHit == true })
    #expect(changed.cells[0].status.error != nil)
  }
}
