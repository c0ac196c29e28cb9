import Foundation
import Kernel

/// `nnlab render NOTEBOOK --sweep seed=1,2,3 [--jobs N]`: runs every point of the grid in a
/// process of its own, N at a time, writes each point's report under `NAME.sweep/POINT/`, and
/// one summary report `NAME.html` with mean ± std over the points.
public struct SweepBuilder {
  /// The grid of parameter values.
  public var grid: SweepGrid
  /// Processes run at once.
  public var jobs: Int
  /// The nnlab executable each point runs (normally this process's own).
  public var executable: String
  /// Options passed on to every point (`--profile`, `-P`, limits, the sandbox), as arguments.
  public var pointArguments: [String]
  /// Parameters and limits, to check the grid against each notebook before anything runs.
  public var options: RunOptions
  /// The site folder.
  public var outputDirectory: String
  /// Whether to write into a folder holding files no render wrote.
  public var force: Bool
  /// Progress and problems.
  public var diagnostics: TextSink
  /// Renders the summary pages.
  public var renderer: ReportRenderer

  /// Creates a sweep.
  public init(
    grid: SweepGrid, jobs: Int, executable: String, pointArguments: [String], options: RunOptions,
    outputDirectory: String, force: Bool = false, diagnostics: TextSink = .standardError(),
    renderer: ReportRenderer = ReportRenderer()
  ) {
    self.grid = grid
    self.jobs = max(1, jobs)
    self.executable = executable
    self.pointArguments = pointArguments
    self.options = options
    self.outputDirectory = outputDirectory
    self.force = force
    self.diagnostics = diagnostics
    self.renderer = renderer
  }

  /// Sweeps every notebook under `paths`; a notebook or point that fails does not stop the others.
  public func build(_ paths: [String]) throws(SiteError) -> SiteResult {
    try SiteManifest.checkOutputFolder(outputDirectory, force: force)
    do {
      try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
    } catch {
      throw SiteError("cannot create the output folder '\(outputDirectory)': \(error.localizedDescription)")
    }
    var written: [String] = []
    var entries: [SiteEntry] = []
    for item in NotebookDiscovery.find(paths) {
      entries += try sweep(item, written: &written)
    }
    try write(LanguageReference.html(version: renderer.version), to: "reference.html")
    try write(IndexPage.render(entries, version: renderer.version, hasReference: true), to: "index.html")
    written += ["reference.html", "index.html"]
    try SiteManifest.record(written, in: outputDirectory)
    return SiteResult(entries: entries, interrupted: false)
  }

  /// Runs the points of one notebook and writes its summary; the index entries (summary first).
  private func sweep(_ item: NotebookDiscovery.Item, written: inout [String]) throws(SiteError) -> [SiteEntry] {
    let stem = String(item.reportName.dropLast(5))
    func failed(_ error: NotebookError, title: String? = nil) throws(SiteError) -> [SiteEntry] {
      diagnostics.write(error.description + "\n")
      try write(renderer.renderFailure(error, title: title), to: item.reportName)
      written.append(item.reportName)
      return [SiteEntry(
        path: item.path, reportName: item.reportName, title: title ?? item.path, description: nil, status: .error(error),
        cellCount: 0, duration: 0)]
    }
    let notebook: Notebook
    do {
      notebook = try NotebookParser.load(path: item.path)
    } catch {
      return try failed(error)
    }
    // Every point's parameters must resolve before any process starts.
    let points = grid.points
    var resolved: [Record] = []
    for point in points {
      do {
        let overrides = try point.overrides()
        resolved.append(try ParameterResolver.resolve(
          notebook.frontMatter, profile: options.profile, overrides: options.overrides + overrides, file: item.path))
      } catch let error as SweepError {
        return try failed(NotebookError(error.message, file: item.path), title: notebook.displayTitle)
      } catch var error as NotebookError {
        // The resolver names overrides as `-P`; these came from --sweep.
        if point.assignments.contains(where: { error.message.hasPrefix("-P \($0.name)=") }) {
          error.message = "--sweep " + error.message.dropFirst(3)
        }
        return try failed(error, title: notebook.displayTitle)
      } catch {
        return try failed(NotebookError("\(error)", file: item.path), title: notebook.displayTitle)
      }
    }

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-sweep-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let start = Date()
    let outcomes = runPoints(points, notebook: item.path, stem: stem, scratch: scratch)

    var entries: [SiteEntry] = []
    var runs: [(label: String, run: NotebookRun)] = []
    for (index, point) in points.enumerated() {
      let folder = "\(stem).sweep/\(point.folderName)"
      let pointFiles = SiteManifest.entries(of: (outputDirectory as NSString).appendingPathComponent(folder))
      written += pointFiles.map { "\(folder)/\($0)" } + ["\(folder)/\(SiteManifest.fileName)"]
      let record = try? RunRecord.read(from: "\(scratch)/\(point.folderName).json")
      let run = record?.run(of: notebook, parameters: resolved[index], profile: options.profile)
      if let run { runs.append((point.label, run)) }
      let status: SiteEntry.Status =
        run.map { $0.succeeded ? .ok : .failed(failedCells: $0.failedCount, notRun: $0.cells.filter(\.status.isNotRun).count) }
        ?? .error(NotebookError("the run \(point.label) ended with status \(outcomes[index]) and left no results", file: item.path))
      entries.append(SiteEntry(
        path: item.path, reportName: "\(folder)/\(item.reportName)", title: "\(notebook.displayTitle) — \(point.label)",
        description: nil, status: status, cellCount: notebook.cells.count, duration: run?.duration ?? 0))
    }
    guard !runs.isEmpty else {
      let error = NotebookError("no run of the sweep left results (\(points.count) tried)", file: item.path)
      return try failed(error, title: notebook.displayTitle) + entries
    }
    var summary = SweepSummary.combine(runs, swept: grid.axes.map(\.name))
    if runs.count < points.count {
      summary.notes.insert("\(points.count - runs.count) of \(points.count) runs left no results and are not in this summary", at: 0)
    }
    summary.startedAt = start
    summary.duration = Date().timeIntervalSince(start)
    if options.recordsProvenance { summary.provenance = Provenance.current(parameters: summary.parameters) }
    let report = renderer.render(summary)
    try write(report.html, to: item.reportName)
    try write(report.json, to: stem + ".json")
    written += [item.reportName, stem + ".json"]
    let summaryEntry = SiteEntry(
      path: item.path, reportName: item.reportName, title: "\(notebook.displayTitle) — summary of \(runs.count) runs",
      description: notebook.frontMatter.description,
      status: summary.succeeded && runs.count == points.count ? .ok : .failed(failedCells: summary.failedCount, notRun: points.count - runs.count),
      cellCount: summary.cells.count, duration: summary.duration)
    return [summaryEntry] + entries
  }

  /// Runs every point as `nnlab render`, `jobs` at a time; each exit status, in order.
  private func runPoints(_ points: [SweepGrid.Point], notebook: String, stem: String, scratch: String) -> [Int32] {
    let tally = Tally(count: points.count)
    let slots = DispatchSemaphore(value: jobs)
    let group = DispatchGroup()
    for (index, point) in points.enumerated() {
      slots.wait()
      let out = (outputDirectory as NSString).appendingPathComponent("\(stem).sweep/\(point.folderName)")
      var arguments = ["render", notebook, "--out", out, "--emit-run", "\(scratch)/\(point.folderName).json"]
      arguments += pointArguments
      for (name, value) in point.assignments { arguments += ["-P", "\(name)=\(value)"] }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      let logPath = "\(scratch)/\(point.folderName).log"
      _ = FileManager.default.createFile(atPath: logPath, contents: nil)
      process.standardError = FileHandle(forWritingAtPath: logPath)
      group.enter()
      process.terminationHandler = { process in
        let done = tally.finish(index, status: process.terminationStatus)
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let last = log.split(separator: "\n").last.map(String.init) ?? ""
        self.diagnostics.write("sweep \(notebook): \(done)/\(points.count) runs done; \(point.label): \(last)\n")
        if process.terminationStatus != 0 {
          let errors = log.split(separator: "\n").filter { $0.contains("error") }.prefix(5).joined(separator: "\n")
          if !errors.isEmpty { self.diagnostics.write(errors + "\n") }
        }
        slots.signal()
        group.leave()
      }
      do {
        try process.run()
      } catch {
        diagnostics.write("sweep \(notebook): cannot start '\(executable)': \(error.localizedDescription)\n")
        process.terminationHandler = nil
        slots.signal()
        group.leave()
      }
    }
    group.wait()
    return tally.statuses
  }

  private func write(_ text: String, to name: String) throws(SiteError) {
    let path = (outputDirectory as NSString).appendingPathComponent(name)
    do {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw SiteError("cannot write '\(path)': \(error.localizedDescription)")
    }
  }
}

/// The exit statuses of a sweep's processes, filled in as they end.
private final class Tally: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Int32]
  private var finished = 0

  init(count: Int) { values = [Int32](repeating: -1, count: count) }

  /// Records run `index`'s status; how many runs have ended.
  func finish(_ index: Int, status: Int32) -> Int {
    lock.lock()
    defer { lock.unlock() }
    values[index] = status
    finished += 1
    return finished
  }

  var statuses: [Int32] {
    lock.lock()
    defer { lock.unlock() }
    return values
  }
}
