import Bindings
import Foundation
import Kernel
import Testing
@testable import NotebookRunner

/// What keeps a run of hits cheap: data sets drawn from others stored as the step, not the
/// examples, and only the objects a cell changed restored (with their new digests).
@Suite struct HitCostTests {
  @Test func drawnDataSetsAreStoredAsTheirStepsNotTheirExamples() throws {
    let fixture = try CellCacheTests.Fixture("""
      ```lab
      data = synthetic("blobs", n: 300, classes: 3, seed: 4)
      ```

      ```lab
      sub = data.train.subset(30, seed: 1)
      pick = data.test.select([0, 2, 4])
      parts = dataset_splits(train: sub, test: pick, validation: data.test)
      again = parts.train.subset(9, seed: 2)
      print(sub.count, pick.count, parts.train.count, again.count)
      ```

      ```lab
      print(parts.train.labels, pick.labels, again.labels)
      ```
      """)
    let cold = try fixture.run()
    #expect(cold.failedCount == 0, "\(cold.cells.compactMap(\.status.error?.message))")
    #expect(CellCacheTests.words(cold) == ["ran", "ran", "ran"])
    let blobs = fixture.cacheFolder.appendingPathComponent("blobs")
    #expect(try FileManager.default.contentsOfDirectory(atPath: blobs.path).isEmpty, "no examples are copied into the store")

    let warm = try fixture.run()
    #expect(CellCacheTests.words(warm) == ["hit", "hit", "hit"])
    #expect(CellCacheTests.text(warm) == CellCacheTests.text(cold))
    let (before, after) = (fixture.sessions[0], fixture.sessions[1])
    for name in ["sub", "pick", "parts", "again"] {
      guard case .object(let a)? = before.value(of: name), case .object(let b)? = after.value(of: name) else {
        Issue.record("\(name) should be an object in both runs")
        continue
      }
      #expect(a !== b)
      #expect(try before.contentDigest(of: a) == after.contentDigest(of: b), "\(name) is drawn again bit for bit")
    }
    // The examples themselves, not only the encoding: the restored subset holds the same inputs.
    guard case .object(let a as DatasetObject)? = before.value(of: "again"), case .object(let b as DatasetObject)? = after.value(of: "again")
    else {
      Issue.record("again should be a data set")
      return
    }
    let (x, y) = (try a.dataset, try b.dataset)
    #expect(x.inputs.scalars == y.inputs.scalars && x.labels == y.labels)
  }

  @Test func onlyTheObjectsACellChangedAreRestoredWithTheirNewDigests() throws {
    let session = Session(file: NSTemporaryDirectory() + "hit-cost.md")
    #expect(session.run("data = synthetic(\"blobs\", n: 60, seed: 1)\nnet = mlp([2, 6, 3], seed: 1)", line: 1).error == nil)

    func effects(of source: String) throws -> (restored: [(object: LabObject, digest: Digest)], digestAfter: Digest) {
      let before = session.snapshot()
      var digests: [ObjectIdentifier: Digest] = [:]
      for name in before.names {
        if case .object(let object)? = before[name] { digests[ObjectIdentifier(object)] = try session.contentDigest(of: object) }
      }
      let (result, reads) = session.runRecording(source, line: 1)
      #expect(result.error == nil, "\(String(describing: result.error))")
      let encoded = try session.encodeEffects(
        outputs: result.outputs, bound: [], reads: reads, before: before,
        digestBefore: { digests[ObjectIdentifier($0)] }, digestNow: { try session.contentDigest(of: $0) })
      guard case .object(let net)? = session.value(of: "net") else { throw CacheFormatError("net is gone") }
      let (_, restored) = try session.applyEffects(encoded.bytes, reads: reads) { _ in [] }
      return (restored, try session.contentDigest(of: net))
    }

    let looked = try effects(of: "print(accuracy(net, data))")
    #expect(looked.restored.isEmpty, "reading a model does not store its state")
    let trained = try effects(of: "train(net, data, epochs: 1, seed: 1)")
    #expect(trained.restored.count == 1)
    #expect(trained.restored.first?.digest == trained.digestAfter, "the entry carries the trained model's digest")
  }
}
