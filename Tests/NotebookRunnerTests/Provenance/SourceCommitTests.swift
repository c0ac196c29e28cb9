import Foundation
import Testing
@testable import NotebookRunner

/// Which uncommitted source changes provenance counts as built into the executable.
@Suite struct SourceCommitTests {
  @Test func onlyEditsMadeBeforeTheBuildCount() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-source-commit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let built = 1_000_000.0
    for (name, edited) in [("Before.swift", built - 60), ("After.swift", built + 60)] {
      let url = root.appendingPathComponent("Sources/" + name)
      try "// \(name)".write(to: url, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: edited)], ofItemAtPath: url.path)
    }
    #expect(SourceCommit.builtIn(" M Sources/Before.swift", root: root, built: built))
    #expect(!SourceCommit.builtIn(" M Sources/After.swift", root: root, built: built), "edited after the build")
    #expect(SourceCommit.builtIn(" M Sources/After.swift\nM  Sources/Before.swift", root: root, built: built))
    #expect(SourceCommit.builtIn("R  Sources/Old.swift -> Sources/Before.swift", root: root, built: built))
    #expect(!SourceCommit.builtIn("R  Sources/Old.swift -> Sources/After.swift", root: root, built: built))
    #expect(SourceCommit.builtIn(" D Sources/Gone.swift", root: root, built: built), "a deleted file may be built in")
    #expect(SourceCommit.builtIn(" M Sources/After.swift", root: root, built: nil), "no build date: any change counts")
    #expect(!SourceCommit.builtIn("", root: root, built: built))
  }
}
