import ArgumentParser
import Foundation
import Kernel
import NotebookRunner

/// The options shared by `render` and `run`.
struct RunOptionsGroup: ParsableArguments {
  @Option(help: "Use the parameter set NAME from the notebook's `profiles:`.")
  var profile: String?

  @Option(
    name: .customShort("P", allowingJoined: true),
    help: ArgumentHelp("Set a parameter (value read as YAML: 3, true, [1, 2], text); repeatable.", valueName: "name=value"))
  var parameters: [String] = []

  @Flag(help: "Run every cell even after one fails.")
  var keepGoing = false

  @Option(help: ArgumentHelp("Interrupt any cell after S seconds (a cell's `timeout` option wins).", valueName: "S"))
  var timeout: Double?

  @Option(help: ArgumentHelp("Interrupt a notebook after S seconds in all.", valueName: "S"))
  var totalTimeout: Double?

  @Option(help: ArgumentHelp(
    "Let notebooks read files under DIR too (besides their own folder, the data sets and --out); repeatable.",
    valueName: "DIR"))
  var allowRead: [String] = []

  @Option(help: ArgumentHelp("Let notebooks write files under DIR too (besides their own folder and --out); repeatable.", valueName: "DIR"))
  var allowWrite: [String] = []

  @Flag(help: "Turn the file sandbox off: notebooks may read and write any path (only for notebooks you trust).")
  var trust = false

  func validate() throws {
    for (name, value) in [("--timeout", timeout), ("--total-timeout", totalTimeout)] {
      if let value, !(value > 0) { throw ValidationError("\(name) must be a positive number of seconds") }
    }
    _ = try runOptions()
  }

  /// The options for NotebookRunner.
  func runOptions() throws -> RunOptions {
    var overrides: [ParameterOverride] = []
    for argument in parameters {
      do {
        overrides.append(try ParameterOverride(parsing: argument))
      } catch {
        throw ValidationError(error.message)
      }
    }
    let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
    return RunOptions(
      profile: profile, overrides: overrides, keepGoing: keepGoing, cellTimeout: timeout, totalTimeout: totalTimeout,
      files: FileAccess(readable: allowRead.map(absolute), writable: allowWrite.map(absolute), trusted: trust))
  }
}
