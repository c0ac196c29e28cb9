import Foundation
import Testing
@testable import Bindings
@testable import Kernel

/// The file sandbox, through the builtins that read and write files.
@Suite struct SandboxTests {
  /// `root/notebooks/nb.md` (empty), `root/outside/` and the session of the notebook.
  struct Layout {
    let root: String
    var notebook: String { root + "/notebooks/nb.md" }
    var outside: String { root + "/outside" }

    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)").path
      for folder in [root + "/notebooks", root + "/outside"] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      }
      try "".write(toFile: root + "/notebooks/nb.md", atomically: true, encoding: .utf8)
    }

    func run(_ source: String, files: FileAccess = FileAccess()) -> CellResult {
      Session(file: notebook, files: files).run(source, line: 1)
    }
  }

  @Test func theNotebooksFolderIsOpen() throws {
    let layout = try Layout()
    defer { try? FileManager.default.removeItem(atPath: layout.root) }
    let result = layout.run("save(mlp([2, 2]), \"models/m.nnlab\")\nprint(load(\"models/m.nnlab\").parameters)")
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(FileManager.default.fileExists(atPath: layout.root + "/notebooks/models/m.nnlab"))
  }

  @Test func dotDotAndAbsolutePathsOutsideAreRefusedAtTheCall() throws {
    let layout = try Layout()
    defer { try? FileManager.default.removeItem(atPath: layout.root) }
    let write = layout.run("net = mlp([2, 2])\nsave(net, \"../outside/m.nnlab\")")
    #expect(write.error?.message == "save(): cannot write '\(layout.outside)/m.nnlab': notebooks may write only under their own folder and --out; --allow-write DIR widens that, --trust turns the sandbox off")
    #expect(write.error?.location.map { "\($0.line):\($0.column)" } == "2:1")
    #expect(!FileManager.default.fileExists(atPath: layout.outside + "/m.nnlab"))
    let read = layout.run("load(\"/etc/passwd\")")
    #expect(read.error?.message == "load(): cannot read '/etc/passwd': notebooks may read only under their own folder, the data folders nnlab knows and --out; --allow-read DIR widens that, --trust turns the sandbox off")
    let blif = layout.run("export_blif(embed(multiplier(bits: 2), weight: 1), \"/tmp/../\(layout.outside)/c.blif\")")
    #expect(blif.error?.message.hasPrefix("export_blif(): cannot write") == true, "\(blif.error?.message ?? "")")
    let data = layout.run("fashion_mnist(train: 10, test: 10, folder: \"../outside\")")
    #expect(data.error?.message.hasPrefix("fashion_mnist(): cannot read '\(layout.outside)'") == true, "\(data.error?.message ?? "")")
  }

  @Test func symbolicLinksThatLeadOutAreRefused() throws {
    let layout = try Layout()
    defer { try? FileManager.default.removeItem(atPath: layout.root) }
    try FileManager.default.createSymbolicLink(atPath: layout.root + "/notebooks/link", withDestinationPath: layout.outside)
    let write = layout.run("save(mlp([2, 2]), \"link/m.nnlab\")")
    #expect(write.error?.message.hasPrefix("save(): cannot write") == true, "\(write.error?.message ?? "")")
    #expect(!FileManager.default.fileExists(atPath: layout.outside + "/m.nnlab"))
    // A link to a file outside, read through its name inside.
    try Data("secret".utf8).write(to: URL(fileURLWithPath: layout.outside + "/secret.nnlab"))
    try FileManager.default.createSymbolicLink(
      atPath: layout.root + "/notebooks/model.nnlab", withDestinationPath: layout.outside + "/secret.nnlab")
    let read = layout.run("load(\"model.nnlab\")")
    #expect(read.error?.message.hasPrefix("load(): cannot read") == true, "\(read.error?.message ?? "")")
  }

  @Test func eachFlagWidensWhatItSays() throws {
    let layout = try Layout()
    defer { try? FileManager.default.removeItem(atPath: layout.root) }
    let save = "save(mlp([2, 2], seed: 1), \"../outside/m.nnlab\")"
    let load = "print(load(\"../outside/m.nnlab\").parameters)"
    // --allow-read does not open writing.
    #expect(layout.run(save, files: FileAccess(readable: [layout.outside])).error?.message.hasPrefix("save(): cannot write") == true)
    // --allow-write opens writing (and reading back).
    #expect(layout.run(save + "\n" + load, files: FileAccess(writable: [layout.outside])).error == nil)
    // --allow-read opens reading only.
    #expect(layout.run(load, files: FileAccess(readable: [layout.outside])).error == nil)
    #expect(layout.run(load).error?.message.hasPrefix("load(): cannot read") == true)
    // --trust opens everything.
    try FileManager.default.removeItem(atPath: layout.outside + "/m.nnlab")
    #expect(layout.run(save + "\n" + load, files: .unrestricted).error == nil)
  }

  @Test func theDataFoldersNNLabKnowsAreReadable() throws {
    try #require(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist is not installed")
    let layout = try Layout()
    defer { try? FileManager.default.removeItem(atPath: layout.root) }
    let result = layout.run("d = fashion_mnist(train: 10, test: 10, folder: \"/usr/share/datasets/fashion-mnist\")\nprint(d.train.count)")
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
  }
}
