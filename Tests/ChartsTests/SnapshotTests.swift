import Foundation
import Testing
@testable import Charts

/// Golden SVGs, one per kind, compared byte for byte.
///
/// Re-record after an intended change with `NNLAB_RECORD_SNAPSHOTS=1 swift test --filter ChartsTests`
/// and review the diff (and the pictures) before committing.
@Suite struct SnapshotTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  static let recording = ProcessInfo.processInfo.environment["NNLAB_RECORD_SNAPSHOTS"] == "1"

  @Test(arguments: Fixtures.snapshots.map(\.name))
  func matchesSnapshot(name: String) throws {
    let spec = try #require(Fixtures.snapshots.first { $0.name == name }).spec
    let svg = SVGRenderer.render(spec, id: name)
    let file = Self.folder.appendingPathComponent(name + ".svg")
    if Self.recording {
      try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
      try Data(svg.utf8).write(to: file)
      return
    }
    let stored = try String(contentsOf: file, encoding: .utf8)
    #expect(svg == stored, "\(name).svg differs; re-record with NNLAB_RECORD_SNAPSHOTS=1 if the change is intended")
  }
}
