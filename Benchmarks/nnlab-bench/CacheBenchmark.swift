import Bindings
import Foundation
import Kernel

/// The cell cache on `class-aware-pruning.md`: a cold render with the cache off and on, then
/// re-renders with nothing changed, with only prose changed, and with only the last cell changed.
///
/// `NNLAB_BENCH_CACHE_PROFILE` picks the notebook's profile (`quick` by default; `default` for
/// the full notebook, which trains for many minutes on two cores). First it measures the
/// cache's own cost in cold renders of class-aware-pruning.md and power-pruning.md
/// (`NNLAB_BENCH_CACHE_NOTEBOOKS`, `NNLAB_BENCH_CACHE_ROUNDS`; `NNLAB_BENCH_CACHE_COLD_ONLY`
/// stops after that; `NNLAB_BENCH_CACHE_AB_ROUNDS` sets the cold off/on pairs, 0 for one cold
/// render with the cache on and no cache-off render at all).
enum CacheBenchmark {
  /// The interpreter benchmark's loop (two global reads and a write per iteration), in a
  /// session as it runs without the cache and while the cache records what it reads.
  static func interpreterLoop() throws {
    let source = "s = 0\nfor i in 0..<1000000 { s = s + i * 2 }\ns"
    var plain: [Double] = []
    var recording: [Double] = []
    for _ in 0..<7 {
      for record in [false, true] {
        let session = Session(file: "bench.md")
        let start = Timing.now()
        let result = record ? session.runRecording(source, line: 1).0 : session.run(source, line: 1)
        let seconds = Timing.now() - start
        if let error = result.error { throw Command.Failure(description: error.rendered) }
        if record { recording.append(seconds) } else { plain.append(seconds) }
      }
    }
    let (off, on) = (plain.min()!, recording.min()!)
    print(String(format: "  1,000,000-iteration loop, best of 7 alternating: %.4f s plain, %.4f s recording reads (%+.1f%%; target < 5%%)", off, on, (on / off - 1) * 100))
  }

  /// CPU seconds (user and system) of the child processes that have ended.
  static func childCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  }

  /// Runs `executable` and returns its standard error (where `--explain` writes).
  static func errorOutput(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: errData, as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw Command.Failure(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text.suffix(800))")
    }
    return text
  }

  /// The cache's own cost in cold renders, measured directly: each render with the cache on
  /// and an empty store runs with `--explain`, which times the cache's work (keys and digests,
  /// encoding, store writes, lookups) inside the process, in CPU time of the thread doing it,
  /// and prints it against the run's CPU time (all threads), so a loaded machine skews neither.
  /// Beside it, a plain A/B of CPU time (user + system), off and on alternating.
  static func coldCost(nnlab: String, dir: URL, notebooks: [String], profileArguments: [String], rounds: Int) throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("notebooks")
    for name in notebooks {
      let notebook = dir.appendingPathComponent(name)
      try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).write(to: notebook, atomically: true, encoding: .utf8)
      let store = dir.appendingPathComponent("cold-store").path
      var shares: [Double] = []
      var offCPU: [Double] = []
      var onCPU: [Double] = []
      for _ in 0..<rounds {
        let out = dir.appendingPathComponent("cold").path
        var cpuStart = childCPUSeconds()
        _ = try Command.run(nnlab, ["render", notebook.path, "--out", out] + profileArguments)
        offCPU.append(childCPUSeconds() - cpuStart)
        try? FileManager.default.removeItem(atPath: store)
        cpuStart = childCPUSeconds()
        let explained = try errorOutput(nnlab, ["render", notebook.path, "--out", out, "--cache", "--cache-dir", store, "--explain"] + profileArguments)
        onCPU.append(childCPUSeconds() - cpuStart)
        guard let line = explained.split(separator: "\n").first(where: { $0.hasPrefix("cell cache: its own work took") }) else {
          throw Command.Failure(description: "nnlab --explain printed no cost line")
        }
        print("  \(name): \(line.dropFirst("cell cache: ".count))")
        // `... took X s CPU of the run's Y s CPU (...)`: the first two numbers.
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        if numbers.count >= 2, numbers[1] > 0 { shares.append(numbers[0] / numbers[1]) }
      }
      print(String(format: "  %@: the cache's own work is %.2f%% of a cold render's CPU time (mean of %d; target < 5%%)", name,
        shares.reduce(0, +) / Double(max(shares.count, 1)) * 100, shares.count))
      print(String(format: "  %@: CPU (user + system) off %@ s, on %@ s, alternating: on/off of the sums %+.1f%%", name,
        offCPU.map { String(format: "%.2f", $0) }.joined(separator: ", "), onCPU.map { String(format: "%.2f", $0) }.joined(separator: ", "),
        (onCPU.reduce(0, +) / offCPU.reduce(0, +) - 1) * 100))
    }
  }

  static func run() throws {
    try interpreterLoop()
    let profile = ProcessInfo.processInfo.environment["NNLAB_BENCH_CACHE_PROFILE"] ?? "quick"
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("notebooks/class-aware-pruning.md")
    let original = try String(contentsOf: source, encoding: .utf8)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-bench-cache-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let notebook = dir.appendingPathComponent("class-aware-pruning.md")
    try original.write(to: notebook, atomically: true, encoding: .utf8)
    let nnlab = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nnlab").path
    guard FileManager.default.isExecutableFile(atPath: nnlab) else {
      throw Command.Failure(description: "\(nnlab) not found: build it with `swift build -c release --product nnlab`")
    }
    let profileArguments = profile == "default" ? [] : ["--profile", profile]
    let rounds = Int(ProcessInfo.processInfo.environment["NNLAB_BENCH_CACHE_ROUNDS"] ?? "") ?? 3
    let notebooks = (ProcessInfo.processInfo.environment["NNLAB_BENCH_CACHE_NOTEBOOKS"] ?? "class-aware-pruning.md,power-pruning.md")
      .split(separator: ",").map(String.init)
    // NNLAB_BENCH_CACHE_AB_ROUNDS=0 skips every cache-off render: one cold render with the cache
    // on fills the store and reports its own cost directly, then the re-renders (for the
    // default profile, whose cold render alone takes half an hour on two cores).
    let abRounds = Int(ProcessInfo.processInfo.environment["NNLAB_BENCH_CACHE_AB_ROUNDS"] ?? "") ?? 2
    if abRounds > 0 {
      try coldCost(nnlab: nnlab, dir: dir, notebooks: notebooks, profileArguments: profileArguments, rounds: rounds)
    }
    if ProcessInfo.processInfo.environment["NNLAB_BENCH_CACHE_COLD_ONLY"] != nil { return }
    let store = dir.appendingPathComponent("store").path
    var cpu: [Double] = []
    func render(cache: Bool, out: String, explain: Bool = false) throws -> (seconds: Double, explained: String) {
      let arguments = ["render", notebook.path, "--out", dir.appendingPathComponent(out).path] + profileArguments
        + (cache ? ["--cache", "--cache-dir", store] : []) + (explain ? ["--explain"] : [])
      let start = Timing.now()
      let cpuStart = childCPUSeconds()
      let explained = try errorOutput(nnlab, arguments)
      cpu.append(childCPUSeconds() - cpuStart)
      return (Timing.now() - start, explained)
    }
    print("  profile: \(profile)")
    if abRounds == 0 {
      try? FileManager.default.removeItem(atPath: store)
      let (seconds, explained) = try render(cache: true, out: "on", explain: true)
      print(String(format: "  cold, cache on: %.2f s wall, %.2f s CPU (user + system)", seconds, cpu.last!))
      if let line = explained.split(separator: "\n").first(where: { $0.hasPrefix("cell cache: its own work took") }) {
        print("  \(line)")
      }
    } else {
      // Cold runs alternate off and on, with an empty store before each run with the cache on.
      var off: [Double] = []
      var on: [Double] = []
      var offCPU: [Double] = []
      var onCPU: [Double] = []
      for _ in 0..<abRounds {
        off.append(try render(cache: false, out: "off").seconds)
        offCPU.append(cpu.last!)
        try? FileManager.default.removeItem(atPath: store)
        on.append(try render(cache: true, out: "on").seconds)
        onCPU.append(cpu.last!)
      }
      func list(_ values: [Double]) -> String { values.map { String(format: "%.2f s", $0) }.joined(separator: ", ") }
      print("  cold, cache off: \(list(off)); cache on: \(list(on)) (wall)")
      print("  cold, cache off: \(list(offCPU)); cache on: \(list(onCPU)) (CPU, user + system)")
      print(String(format: "  cold with the cache on costs %+.1f%% wall, %+.1f%% CPU (best of %d each; target < 5%%)",
        (on.min()! / off.min()! - 1) * 100, (onCPU.min()! / offCPU.min()! - 1) * 100, abRounds))
    }

    let unchanged = try Timing.best(of: 3) { _ = try render(cache: true, out: "on") }
    print(String(format: "  re-render, nothing changed (best of 3): %.3f s  (target < 2 s)", unchanged))

    try (original + "\nOne more sentence of prose.\n").write(to: notebook, atomically: true, encoding: .utf8)
    let prose = try Timing.best(of: 3) { _ = try render(cache: true, out: "on") }
    print(String(format: "  re-render, prose changed (best of 3): %.3f s  (target < 2 s)", prose))

    // The last cell gains a line: it runs again (best of 3, each with a new line so each misses).
    guard let last = original.range(of: "```lab", options: .backwards) else { throw Command.Failure(description: "no cell") }
    var lastCell: [Double] = []
    for i in 0..<3 {
      var changed = original
      changed.replaceSubrange(last, with: "```lab\nedit_\(i) = \(i)")
      try changed.write(to: notebook, atomically: true, encoding: .utf8)
      lastCell.append(try render(cache: true, out: "on").seconds)
    }
    try original.write(to: notebook, atomically: true, encoding: .utf8)
    let lastCellAlone = try Timing.best(of: 3) {
      // The same cell's cost without the cache: the render minus the unchanged re-render.
      _ = try render(cache: true, out: "on")
    }
    print(String(format: "  re-render, last cell changed (best of 3): %.3f s (nothing changed: %.3f s)", lastCell.min()!, lastCellAlone))
    print(String(format: "  so the last cell's run adds %.3f s over a full hit (target: that cell + < 2 s)", lastCell.min()! - lastCellAlone))
  }
}
