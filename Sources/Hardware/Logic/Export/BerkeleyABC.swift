import Foundation

/// A thin driver for the Berkeley ABC executable, to check circuits against an external tool.
public struct BerkeleyABC: Sendable {
  /// The executable.
  public let path: String

  /// The `resyn2` script of ABC's standard `abc.rc`, spelled out (the alias is not built in).
  public static let resyn2 = "balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance"

  /// Finds ABC at `path` (Debian's package installs `/usr/bin/berkeley-abc`); nil if absent.
  public init?(path: String = "/usr/bin/berkeley-abc") {
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    self.path = path
  }

  /// Runs `commands` in a fresh temporary folder holding `files` (name -> contents) and returns ABC's output.
  public func run(_ commands: String, files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-abc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, contents) in files {
      try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-c", commands]
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw LogicError(.externalTool, "berkeley-abc exited with status \(process.terminationStatus): \(output)")
    }
    return output
  }

  /// Whether ABC's `cec` proves two BLIF netlists equivalent (same inputs and outputs by name).
  public func equivalent(_ first: String, _ second: String) throws -> Bool {
    let output = try run("cec a.blif b.blif", files: ["a.blif": first, "b.blif": second])
    if output.contains("Networks are equivalent") { return true }
    if output.contains("NOT EQUIVALENT") || output.contains("are not equivalent") { return false }
    throw LogicError(.externalTool, "unexpected output from berkeley-abc cec: \(output)")
  }

  /// The AND-node count ABC reaches on a BLIF netlist after `strash` and then `script`.
  public func andCount(_ blif: String, script: String = BerkeleyABC.resyn2) throws -> Int {
    let output = try run("read c.blif; strash; \(script); print_stats", files: ["c.blif": blif])
    guard let range = output.range(of: #"and\s*=\s*[0-9]+"#, options: .regularExpression),
          let count = Int(output[range].filter(\.isNumber))
    else { throw LogicError(.externalTool, "no AND count in berkeley-abc output: \(output)") }
    return count
  }
}
