import Foundation
import Testing

/// The built `nnlab` as a user runs it: flags, exit statuses, limits and Ctrl-C.
///
/// An endless loop (`for i in 0..<1e12`) stands for a cell that never ends: a test that passes
/// shows the limit or the interrupt stopped it, with no clock in the test.
@Suite(.requires("the nnlab executable beside the tests (swift build builds it)", nnlabExecutable != nil))
struct CommandLineTests {
  /// A notebook of `cells`, written to a fresh folder; returns its path.
  static func notebook(_ cells: [String], name: String = #function) throws -> String {
    let folder = try temporaryFolder(name)
    let text = "---\ntitle: CLI\n---\n\n" + cells.map { "```lab\n\($0)\n```\n" }.joined(separator: "\n")
    let path = folder + "/nb.md"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let endless = "for i in 0..<1e12 {}"

  @Test func aFailingCellStopsTheRunUnlessKeepGoing() throws {
    let path = try Self.notebook([#"print("first")"#, "undefined_name + 1", #"print("third")"#])
    let stopped = try runNNLab(["run", path])
    #expect(stopped.status == 1)
    #expect(stopped.standardOutput == "first\n")
    #expect(stopped.standardError.contains("nb.md:10:1: error: "), "\(stopped.standardError)")
    #expect(stopped.standardError.contains("ran \(path): 3 cells, 1 failed"), "\(stopped.standardError)")
    let kept = try runNNLab(["run", path, "--keep-going"])
    #expect(kept.status == 1, "a failed cell still fails the run")
    #expect(kept.standardOutput == "first\nthird\n")
  }

  @Test func aCellTimeoutInterruptsTheCell() throws {
    let path = try Self.notebook([#"print("first")"#, Self.endless, #"print("third")"#])
    let result = try runNNLab(["run", path, "--timeout", "0.5"])
    #expect(result.status == 1)
    #expect(result.standardOutput == "first\n")
    #expect(result.standardError.contains("error: cell timed out after 0.5 s"), "\(result.standardError)")
    #expect(result.standardError.contains("note: the cell's time limit of 0.5 s was reached"))
    // With --keep-going the cells after the timed-out one run.
    let kept = try runNNLab(["run", path, "--timeout", "0.5", "--keep-going"])
    #expect(kept.status == 1)
    #expect(kept.standardOutput == "first\nthird\n")
  }

  @Test func theTotalTimeoutStopsTheNotebookEvenWithKeepGoing() throws {
    let path = try Self.notebook([#"print("first")"#, Self.endless, #"print("third")"#])
    let result = try runNNLab(["run", path, "--total-timeout", "1", "--keep-going"])
    #expect(result.status == 1)
    #expect(result.standardOutput == "first\n")
    #expect(
      result.standardError.contains("note: the notebook's time limit (--total-timeout 1 s) was reached"),
      "\(result.standardError)")
    // The rendered report says the third cell was not run, and why.
    let out = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/site"
    let render = try runNNLab(["render", path, "--out", out, "--total-timeout", "1", "--keep-going"])
    #expect(render.status == 1)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/nb.json"))) as? [String: Any]
    #expect(json?["cells"] as? Int == 3)
    #expect(json?["failed"] as? Int == 1)
    #expect(json?["not_run"] as? Int == 1)
  }

  @Test func usageErrorsExitWith64() throws {
    let path = try Self.notebook(["x = 1"])
    for (arguments, message) in [
      (["run", path, "--timeout", "0"], "--timeout must be a positive number of seconds"),
      (["run", path, "--total-timeout", "0"], "--total-timeout must be a positive number of seconds"),
      (["run", path, "--timeout", "soon"], "soon"),
      (["run", path, "--frobnicate"], "--frobnicate"),
      (["run"], "file"),
      (["explode"], "explode"),
    ] {
      let result = try runNNLab(arguments)
      #expect(result.status == 64, "\(arguments): \(result.standardError)")
      #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
    }
    #expect(try runNNLab(["run", path]).status == 0)
  }

  @Test func parametersProfilesAndTheirErrors() throws {
    let folder = try temporaryFolder()
    let path = folder + "/p.md"
    try "---\ntitle: P\nparams:\n  bits: 8\nprofiles:\n  quick: {bits: 4}\n---\n\n```lab\nprint(params.bits * 2)\n```\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try runNNLab(["run", path]).standardOutput == "16\n")
    #expect(try runNNLab(["run", path, "--profile", "quick"]).standardOutput == "8\n")
    #expect(try runNNLab(["run", path, "--profile", "quick", "-P", "bits=3"]).standardOutput == "6\n")
    let unknown = try runNNLab(["run", path, "--profile", "slow"])
    #expect(unknown.status == 1)
    #expect(unknown.standardError.contains("slow"), "\(unknown.standardError)")
  }

  /// Ctrl-C (SIGINT) interrupts the running cell, skips the rest and exits with 130. The first
  /// cell writes a file, so the test knows the run (and its signal handler) has started.
  @Test func ctrlCInterruptsTheRunningCell() throws {
    let executable = try #require(nnlabExecutable)
    let path = try Self.notebook([#"save(mlp([2, 2]), "started.nnlab")"#, Self.endless, #"print("third")"#])
    let started = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/started.nnlab"
    let process = Process()
    process.executableURL = executable
    process.arguments = ["run", path]
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    var waited = 0
    while !FileManager.default.fileExists(atPath: started), waited < 1200, process.isRunning {
      usleep(50_000)
      waited += 1
    }
    #expect(FileManager.default.fileExists(atPath: started), "the first cell never ran")
    // The endless cell is running (or about to): interrupt it.
    usleep(200_000)
    process.interrupt()
    let outText = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let errText = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit, "nnlab handled the signal rather than dying of it")
    #expect(process.terminationStatus == 130, "\(errText)")
    #expect(errText.contains("interrupting the running cell (press Ctrl-C again to quit)"), "\(errText)")
    #expect(errText.contains("note: interrupted by the user (Ctrl-C)"), "\(errText)")
    #expect(!outText.contains("third"))
  }
}
