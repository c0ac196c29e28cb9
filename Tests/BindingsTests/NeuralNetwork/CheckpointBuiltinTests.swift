import Foundation
import Testing
@testable import Bindings
@testable import Kernel

@Suite struct CheckpointBuiltinTests {
  /// A fresh folder for one test's files, removed afterwards by the caller.
  static func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnbind-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func saveAndLoadRoundTrip() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let source = """
      d = synthetic("blobs", n: 300, classes: 3, seed: 2)
      net = mlp([2, 8, 3], seed: 1)
      train(net, d, epochs: 1)
      r = save(net, "\(folder)/model.nnlab")
      back = load("\(folder)/model.nnlab")
      print(r, back.name, back.parameters == net.parameters, back.tensor("fc1.weight").values == net.tensor("fc1.weight").values)
      print(accuracy(back, d) == accuracy(net, d), predict(back, d) == predict(net, d))
      """
    #expect(output(source, files: FileAccess(writable: [folder])) == "none mlp true true\ntrue true")
  }

  @Test func relativePathsStartAtTheNotebooksFolder() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let notebook = "\(folder)/paper.md"
    try "".write(toFile: notebook, atomically: true, encoding: .utf8)
    let session = Session(file: notebook)
    let result = session.run("""
      net = mlp([2, 4, 3], seed: 1)
      save(net, "models/small.nnlab")
      print(load("models/../models/small.nnlab").parameters == net.parameters)
      print(export_blif(embed(multiplier(bits: 2), weight: 1), "circuit.blif"))
      """, line: 1)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(FileManager.default.fileExists(atPath: "\(folder)/models/small.nnlab"))
    #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/models/small.nnlab"))
    #expect(texts(result) == ["true\n\(folder)/circuit.blif"])
  }

  @Test func batchNormStatisticsSurviveTheRoundTrip() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let source = """
      net = vgg_small(width: 0.0625, input: [1, 8, 8], classes: 2, seed: 3)
      save(net, "\(folder)/vgg.nnlab")
      back = load("\(folder)/vgg.nnlab")
      print(back.tensors == net.tensors, back.tensor("bn1.running_var").values == net.tensor("bn1.running_var").values, back.input_shape)
      """
    #expect(output(source, files: FileAccess(writable: [folder])) == "true true [1, 8, 8]")
  }

  @Test func loadingAMissingOrForeignFileIsAnError() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Data("not a checkpoint at all".utf8).write(to: URL(fileURLWithPath: "\(folder)/bad.nnlab"))
    let files = FileAccess(writable: [folder])
    let missing = run("net = load(\"\(folder)/none.nnlab\")", files: files)
    #expect(missing.error?.message.hasPrefix("load(): ") == true, "\(missing.error?.message ?? "")")
    #expect(missing.error?.message.contains("\(folder)/none.nnlab") == true)
    #expect(missing.error?.location?.column == 7)
    let foreign = run("net = load(\"\(folder)/bad.nnlab\")", files: files)
    #expect(foreign.error?.message.contains("\(folder)/bad.nnlab") == true, "\(foreign.error?.message ?? "")")
    // The file's first bytes ("not a ch", 0x6e6f742061206368) never reach the report.
    #expect(foreign.error?.message.contains("not a ch") == false)
    #expect(foreign.error?.message.contains("6e6f74") == false)
    // A folder cannot be made inside a file: the write fails.
    let unwritable = run("save(mlp([2, 2]), \"\(folder)/bad.nnlab/m.nnlab\")", files: files)
    #expect(unwritable.error?.message.hasPrefix("save(): ") == true, "\(unwritable.error?.message ?? "")")
  }
}
