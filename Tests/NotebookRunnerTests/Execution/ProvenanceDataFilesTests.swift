import Bindings
import Foundation
import Kernel
import Testing
@testable import NotebookRunner

/// The report's provenance lists the data files the run read, with their SHA-256.
@Suite struct ProvenanceDataFilesTests {
  static func run(_ fixture: CellCacheTests.Fixture, cache: Bool) throws -> NotebookRun {
    var options = RunOptions(keepGoing: true, recordsProvenance: true)
    options.cache = CacheSettings(enabled: cache)
    return try NotebookExecutor(options: options).run(try NotebookParser.load(path: fixture.notebook.path))
  }

  @Test func theFilesARunReadAreListedWithTheirDigests() throws {
    let fixture = try CellCacheTests.Fixture("")
    try CellCacheTests.writeCheckpoint(fixture, width: 4)
    let checkpoint = fixture.folder.appendingPathComponent("m.ckpt").path
    let folder = "/usr/share/datasets/fashion-mnist"
    let fashion = FileManager.default.fileExists(atPath: folder)
    try fixture.write("""
      ```lab
      m = load("m.ckpt")
      \(fashion ? "data = fashion_mnist(train: 20, test: 20, seed: 1)" : "")
      ```
      """)
    let expected = [checkpoint] + (fashion ? ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                                              "train-labels-idx1-ubyte.gz"].map { "\(folder)/\($0)" } : [])
    for cache in [false, true, true] {  // uncached, then a cold and a warm (restored) cached run
      let run = try Self.run(fixture, cache: cache)
      #expect(run.failedCount == 0, "\(run.cells.compactMap(\.status.error?.message))")
      let files = run.provenance?.dataFiles ?? []
      #expect(files.map(\.path).sorted() == expected.sorted(), "cache \(cache): \(files.map(\.path))")
      for file in files {
        let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
        #expect(file.bytes == data.count)
        #expect(file.digest == SHA256.digest([UInt8](data)).hex, "\(file.path)")
      }
      let html = ReportRenderer().render(run).html
      #expect(html.contains("<tr><td>Data file</td><td><code>\(checkpoint) ("), "the footer names the checkpoint")
    }
    // A known value: the digest is SHA-256 itself.
    #expect(SHA256.digest(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}
