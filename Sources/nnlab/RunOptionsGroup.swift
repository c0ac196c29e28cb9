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

  @Option(help: ArgumentHelp(
    "The most a builtin may allocate at once, e.g. 4G or 512M (default: half this machine's memory).", valueName: "SIZE"))
  var memoryLimit: String?

  /// `--memory-limit` in bytes: a number with an optional K, M, G or T suffix (powers of 1024).
  @Flag(help: "Serve unchanged cells from the cell cache (as `cache: true` in the front matter does).")
  var cache = false

  @Option(help: ArgumentHelp("The cell cache's folder (default: .nnlab-cache beside each notebook).", valueName: "DIR"))
  var cacheDir: String?

  @Flag(help: "Print why each cell ran or was restored from the cache.")
  var explain = false

  @Option(help: ArgumentHelp("Run the cell labelled LABEL even when the cache could restore it; repeatable.", valueName: "LABEL"))
  var refresh: [String] = []

  func memoryLimitBytes() throws -> Int? {
    guard let text = memoryLimit?.trimmingCharacters(in: .whitespaces).uppercased(), !text.isEmpty else { return nil }
    let units: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
    var digits = Substring(text)
    var scale = 1.0
    if let last = digits.last, let unit = units[last] {
      scale = unit
      digits = digits.dropLast()
    }
    guard let value = Double(digits), value > 0, value * scale < 9e18 else {
      throw ValidationError("--memory-limit must be a positive size such as 4G or 512M, got '\(memoryLimit ?? "")'")
    }
    return Int(value * scale)
  }

  /// These options as command-line arguments, to pass on to the processes of a sweep.
  func arguments() -> [String] {
    var result: [String] = []
    if let profile { result += ["--profile", profile] }
    for parameter in parameters { result += ["-P", parameter] }
    if keepGoing { result.append("--keep-going") }
    if let timeout { result += ["--timeout", String(timeout)] }
    if let totalTimeout { result += ["--total-timeout", String(totalTimeout)] }
    for folder in allowRead { result += ["--allow-read", folder] }
    for folder in allowWrite { result += ["--allow-write", folder] }
    if trust { result.append("--trust") }
    if let memoryLimit { result += ["--memory-limit", memoryLimit] }
    if cache { result.append("--cache") }
    if let cacheDir { result += ["--cache-dir", URL(fileURLWithPath: cacheDir).standardizedFileURL.path] }
    for label in refresh { result += ["--refresh", label] }
    return result
  }

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
    var options = RunOptions(
      profile: profile, overrides: overrides, keepGoing: keepGoing, cellTimeout: timeout, totalTimeout: totalTimeout,
      files: FileAccess(readable: allowRead.map(absolute), writable: allowWrite.map(absolute), trusted: trust),
      memoryLimit: try memoryLimitBytes(), recordsProvenance: true)
    options.cache = CacheSettings(enabled: cache, directory: cacheDir.map(absolute), explain: explain, refresh: Set(refresh))
    return options
  }
}
