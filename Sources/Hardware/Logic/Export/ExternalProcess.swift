import Foundation

/// Runs an external EDA tool (ABC, Yosys) in a fresh temporary folder holding the files it reads.
enum ExternalProcess {
  /// The tool's output (standard output and error together) and exit status, and the files it
  /// wrote in its folder (name -> contents).
  struct Result {
    var output: String
    var status: Int32
    var written: [String: String]
  }

  /// Runs `executable` with `arguments` in a fresh folder holding `files` (name -> contents).
  static func run(_ executable: String, _ arguments: [String], files: [String: String]) throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, contents) in files {
      try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    // Read before waiting, so a full pipe cannot block the tool.
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var written: [String: String] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where files[name] == nil {
      written[name] = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    return Result(output: String(decoding: data, as: UTF8.self), status: process.terminationStatus, written: written)
  }
}
