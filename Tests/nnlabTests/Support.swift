import Foundation
import Kernel
import Testing
@testable import NotebookRunner

/// The built `nnlab` executable: SwiftPM puts it beside the test bundle.
let nnlabExecutable: URL? = {
  var folders: [URL] = [Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
  if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
  folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
  for folder in folders {
    let candidate = folder.appendingPathComponent("nnlab")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
  }
  return nil
}()


/// What a finished process left behind.
struct ProcessResult {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

/// Runs the built `nnlab` (or a copy of it at `executable`) with `arguments`; standard error is
/// not a terminal, so progress is one line per notebook.
func runNNLab(_ arguments: [String], executable: URL? = nil) throws -> ProcessResult {
  guard let executable = executable ?? nnlabExecutable else { throw MissingExecutable() }
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  let output = Pipe()
  let error = Pipe()
  process.standardOutput = output
  process.standardError = error
  try process.run()
  // Read before waiting so a full pipe cannot block the child.
  let outData = output.fileHandleForReading.readDataToEndOfFile()
  let errData = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return ProcessResult(
    status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
    standardError: String(decoding: errData, as: UTF8.self))
}

#if os(Linux)
  /// Runs the built nnlab with `arguments` under GNU time (Debian's `time`, which the Makefile
  /// installs) with the format `format` (one figure, such as `%M` or `%R`); the exit status and
  /// the figure.
  ///
  /// Not wait4 on a child spawned from here: posix_spawn starts the child in this process's
  /// memory (vfork), and Linux keeps that memory's high-water mark across the exec, so a peak
  /// would include the whole test process. `time` forks from a small process instead.
  func underGNUTime(_ format: String, _ arguments: [String]) throws -> (status: Int32, figure: Double) {
    guard let executable = nnlabExecutable else { throw MissingExecutable() }
    let time = "/usr/bin/time"
    try #require(FileManager.default.isExecutableFile(atPath: time), "GNU time is missing: apt-get install time (make test does)")
    let report = try temporaryFolder("time") + "/report.txt"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: time)
    process.arguments = ["-f", format, "-o", report, executable.path] + arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let text = try String(contentsOfFile: report, encoding: .utf8)
    // GNU time writes "Command exited with non-zero status N" before the figure when N != 0.
    let figure = try #require(text.split(separator: "\n").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) })
    return (process.terminationStatus, figure)
  }
#endif

/// `nnlab` was not found beside the test bundle.
struct MissingExecutable: Error {}

/// A fresh empty folder under the temporary directory.
func temporaryFolder(_ name: String = #function) throws -> String {
  let safe = name.filter { $0.isLetter || $0.isNumber }
  let path = NSTemporaryDirectory() + "nnlab-cli-\(safe)-\(UUID().uuidString.prefix(8))"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// The repository's root, for the shipped notebooks.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
