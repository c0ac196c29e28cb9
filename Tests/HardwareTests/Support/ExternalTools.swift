import Foundation
import Hardware

/// External tools the cross-checks use; tests needing one are skipped when it is absent.
enum ExternalTools {
  static let abc = BerkeleyABC()
  static let yosysPath = "/usr/bin/yosys"
  static var yosysAvailable: Bool { FileManager.default.isExecutableFile(atPath: yosysPath) }

  /// Runs yosys on `script` in a temporary folder holding `files`; returns its output.
  static func yosys(_ script: String, files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-yosys-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, contents) in files {
      try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: yosysPath)
    process.arguments = ["-p", script]
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var output = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 { output += "\nEXIT \(process.terminationStatus)" }
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where files[name] == nil {
      output += "\n=== \(name)\n" + ((try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
    }
    return output
  }
}
