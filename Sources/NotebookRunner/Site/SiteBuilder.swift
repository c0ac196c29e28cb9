import Foundation
import Kernel

/// `nnlab render`: runs notebooks and writes one report and sidecar each, `index.html` and `reference.html`.
public struct SiteBuilder {
  /// Parameters, failure policy, time limits.
  public var options: RunOptions
  /// The folder the site is written to (created when missing).
  public var outputDirectory: String
  /// Makes one engine per notebook (`nil`: a kernel ``Session`` in the options' sandbox,
  /// which may also write under the output folder).
  public var makeEngine: CellEngineFactory?
  /// The time source (fixed in tests).
  public var clock: RunClock
  /// Routes Ctrl-C to the running cell.
  public var interrupts: InterruptController?
  /// Shows progress (a live line on a terminal, one line per notebook otherwise).
  public var progress: ExecutionObserver?
  /// Receives diagnostics: load errors, cell errors, warnings.
  public var diagnostics: TextSink
  /// Renders the pages.
  public var renderer: ReportRenderer
  /// Whether to write into a folder holding files no render wrote, the home folder or `/` (`--force`).
  public var force: Bool
  /// Where to write every output of the (single) run as JSON, for a sweep's summary (`--emit-run`).
  public var emitRunPath: String?

  /// Creates a builder with the kernel, the system clock and no progress display.
  public init(
    options: RunOptions = RunOptions(), outputDirectory: String, makeEngine: CellEngineFactory? = nil,
    clock: RunClock = SystemClock(), interrupts: InterruptController? = nil, progress: ExecutionObserver? = nil,
    diagnostics: TextSink = .standardError(), renderer: ReportRenderer = ReportRenderer(), force: Bool = false
  ) {
    self.force = force
    self.options = options
    self.outputDirectory = outputDirectory
    self.makeEngine = makeEngine
    self.clock = clock
    self.interrupts = interrupts
    self.progress = progress
    self.diagnostics = diagnostics
    self.renderer = renderer
  }

  /// Renders every notebook found under `paths`; problems with one notebook do not stop the others.
  ///
  /// - Throws: ``SiteError`` only when the output folder cannot be created or written.
  public func build(_ paths: [String]) throws(SiteError) -> SiteResult {
    try SiteManifest.checkOutputFolder(outputDirectory, force: force)
    try createDirectory(outputDirectory)
    var written: [String] = []
    var entries: [SiteEntry] = []
    var options = options
    options.files.writable.append(outputDirectory)
    let executor = NotebookExecutor(
      options: options, makeEngine: makeEngine, clock: clock, interrupts: interrupts, observer: progress)

    for item in NotebookDiscovery.find(paths) {
      if interrupts?.wasInterrupted == true {
        entries.append(SiteEntry(
          path: item.path, reportName: item.reportName, title: item.path, description: nil,
          status: .interrupted, cellCount: 0, duration: 0))
        continue
      }
      let notebook: Notebook
      do {
        notebook = try NotebookParser.load(path: item.path)
      } catch {
        entries.append(try failedEntry(item, error: error, title: nil, description: nil))
        continue
      }
      let run: NotebookRun
      do {
        run = try executor.run(notebook)
      } catch {
        entries.append(try failedEntry(
          item, error: error, title: notebook.displayTitle, description: notebook.frontMatter.description))
        continue
      }
      if let emitRunPath {
        do {
          try RunRecord(run).write(to: emitRunPath)
        } catch {
          throw SiteError("cannot write '\(emitRunPath)': \(error.localizedDescription)")
        }
      }
      let report = renderer.render(run)
      try write(report.html, to: item.reportName)
      try write(report.json, to: String(item.reportName.dropLast(5)) + ".json")
      written += [item.reportName, String(item.reportName.dropLast(5)) + ".json"]
      for cell in run.cells {
        if case .failed(let error) = cell.status { diagnostics.write(error.rendered + "\n") }
      }
      for warning in report.warnings { diagnostics.write(warning + "\n") }

      let notRun = run.cells.filter(\.status.isNotRun).count
      let status: SiteEntry.Status =
        run.interrupted ? .interrupted
        : run.succeeded ? .ok : .failed(failedCells: run.failedCount, notRun: notRun)
      entries.append(SiteEntry(
        path: item.path, reportName: item.reportName, title: notebook.displayTitle,
        description: notebook.frontMatter.description, status: status, cellCount: run.cells.count,
        duration: run.duration, coldDuration: run.coldDuration))
    }

    // Reports an earlier render left here stay in the index, so one notebook can be re-rendered alone.
    let kept = SiteEntry.kept(in: outputDirectory, besides: Set(entries.map(\.reportName)))
    let listed = (entries + kept).sorted { $0.reportName < $1.reportName }
    try write(LanguageReference.html(version: renderer.version), to: "reference.html")
    try write(IndexPage.render(listed, version: renderer.version, hasReference: true), to: "index.html")
    written += entries.map(\.reportName) + ["reference.html", "index.html"]
    try SiteManifest.record(written, in: outputDirectory)
    return SiteResult(entries: entries, interrupted: interrupts?.wasInterrupted == true)
  }

  /// Reports a notebook that could not run, writes its error page, and makes its index entry.
  private func failedEntry(
    _ item: NotebookDiscovery.Item, error: NotebookError, title: String?, description: String?
  ) throws(SiteError) -> SiteEntry {
    diagnostics.write(error.description + "\n")
    try write(renderer.renderFailure(error, title: title), to: item.reportName)
    let fallbackTitle = Notebook(path: item.path, blocks: []).displayTitle
    return SiteEntry(
      path: item.path, reportName: item.reportName, title: title ?? fallbackTitle, description: description,
      status: .error(error), cellCount: 0, duration: 0)
  }

  private func createDirectory(_ path: String) throws(SiteError) {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw SiteError("cannot create the output folder '\(path)': \(error.localizedDescription)")
    }
  }

  private func write(_ text: String, to name: String) throws(SiteError) {
    let path = (outputDirectory as NSString).appendingPathComponent(name)
    let folder = (path as NSString).deletingLastPathComponent
    try createDirectory(folder)
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw SiteError("cannot write '\(path)': \(error.localizedDescription)")
    }
  }
}

/// What a site render did.
public struct SiteResult: Sendable {
  /// One entry per notebook, in order.
  public var entries: [SiteEntry]
  /// Whether Ctrl-C stopped the render.
  public var interrupted: Bool

  /// 0 when every notebook ran without failure, 130 after Ctrl-C, 1 otherwise.
  public var exitStatus: Int32 {
    if interrupted { return 130 }
    return entries.allSatisfy(\.isOK) ? 0 : 1
  }
}

/// A problem with the output folder: the site cannot be written at all.
public struct SiteError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public var message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  /// `error: message`.
  public var description: String { "error: \(message)" }
}
