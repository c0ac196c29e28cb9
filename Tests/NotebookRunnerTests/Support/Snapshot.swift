import Foundation
import Testing

/// Compares `text` byte for byte with `Snapshots/<name>` beside this test target.
///
/// Set `NNLAB_RECORD_SNAPSHOTS=1` to rewrite the file instead. Without it, a missing file fails
/// and is not written, so the next run cannot pass on a snapshot nobody looked at.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  let url = folder.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["NNLAB_RECORD_SNAPSHOTS"] == "1" {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return
  }
  guard FileManager.default.fileExists(atPath: url.path) else {
    Issue.record(
      "snapshot \(name) is missing; record it with NNLAB_RECORD_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  if expected != text {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let expectedLine = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
    let actualLine = first < actualLines.count ? String(actualLines[first]) : "<end>"
    Issue.record(
      "snapshot \(name) differs at line \(first + 1):\n  expected: \(expectedLine)\n  actual:   \(actualLine)\n(re-record with NNLAB_RECORD_SNAPSHOTS=1)",
      sourceLocation: sourceLocation)
  }
}
