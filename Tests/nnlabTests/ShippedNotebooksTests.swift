import Foundation
import Testing
@testable import NotebookRunner

/// The notebooks in `notebooks/`, each rendered end to end in its `quick` profile.
let shippedNotebooks: [String] = {
  let folder = repositoryRoot.appendingPathComponent("notebooks").path
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
}()

@Suite struct ShippedNotebooksTests {
  @Test func thereAreNotebooks() {
    #expect(shippedNotebooks.contains("getting-started.md"))
  }

  /// Every shipped notebook renders without a failing cell, its tables hold what they must
  /// (`SidecarContent`), and its sidecar matches the stored one.
  @Test(arguments: shippedNotebooks)
  func rendersInItsQuickProfile(_ name: String) throws {
    let path = repositoryRoot.appendingPathComponent("notebooks/\(name)").path
    let notebook = try NotebookParser.load(path: path)
    let profile = notebook.frontMatter.profiles.contains { $0.name == "quick" } ? "quick" : nil
    #expect(profile != nil, "\(name) has no quick profile for the tests")
    let folder = try temporaryFolder(name)
    let sink = TextSink()
    let result = try SiteBuilder(
      options: RunOptions(profile: profile), outputDirectory: folder, diagnostics: sink
    ).build([path])
    #expect(result.exitStatus == 0, "\(name): \(sink.text)")
    let report = folder + "/" + name.replacingOccurrences(of: ".md", with: "")
    let html = try String(contentsOfFile: report + ".html", encoding: .utf8)
    #expect(!html.contains("class=\"error-box\""), "\(name) shows an error that was not allowed")
    try SidecarContent(name: name, path: report + ".json").check()
    try SidecarSnapshot.check(name, sidecar: report + ".json")
  }
}
