import ArgumentParser
import Foundation
import NotebookRunner

/// `nnlab render`: notebooks to a static site, or a parameter sweep of them.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Run notebooks and write an HTML report (and a JSON sidecar) for each, an index and the reference.")

  @Argument(help: "Notebook files, or folders whose *.md files are rendered.")
  var paths: [String]

  @Option(help: "The folder to write the site to.")
  var out: String

  @OptionGroup var runOptions: RunOptionsGroup

  @Flag(help: "Write into --out even when it is /, the home folder, or holds files no render wrote.")
  var force = false

  @Option(help: ArgumentHelp(
    "Run the notebook once per value (repeatable: every combination), each in its own process, and write a "
      + "summary report with mean ± std over the runs.", valueName: "name=v1,v2,..."))
  var sweep: [String] = []

  @Option(help: ArgumentHelp("Runs of a sweep at once.", valueName: "N"))
  var jobs = 1

  @Option(help: .hidden)
  var emitRun: String?

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    if emitRun != nil, paths.count != 1 { throw ValidationError("--emit-run takes exactly one notebook") }
  }

  func run() throws {
    let diagnostics = TextSink.standardError()
    if !sweep.isEmpty { return try runSweep(diagnostics: diagnostics) }
    let progress: ExecutionObserver =
      diagnostics.isTerminal
      ? TerminalProgressLine(sink: diagnostics, verb: "rendered")
      : SummaryLineProgress(sink: diagnostics, verb: "rendered")
    var builder = SiteBuilder(
      options: try runOptions.runOptions(), outputDirectory: out,
      interrupts: .installingSignalHandler(), progress: progress, diagnostics: diagnostics, force: force)
    builder.emitRunPath = emitRun
    try finish(diagnostics) { () throws(SiteError) in try builder.build(paths) }
  }

  /// Runs a render; a site error is printed and exits with 1, failed notebooks with the result's status.
  private func finish(_ diagnostics: TextSink, _ build: () throws(SiteError) -> SiteResult) throws {
    let result: SiteResult
    do {
      result = try build()
    } catch {
      diagnostics.write(error.description + "\n")
      throw ExitCode(1)
    }
    if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
  }

  private func runSweep(diagnostics: TextSink) throws {
    let grid: SweepGrid
    do {
      grid = try SweepGrid(parsing: sweep)
    } catch {
      throw ValidationError(error.message)
    }
    guard let executable = Bundle.main.executableURL?.path else {
      diagnostics.write("error: cannot find the nnlab executable to run the sweep's points\n")
      throw ExitCode(1)
    }
    let builder = SweepBuilder(
      grid: grid, jobs: jobs, executable: executable, pointArguments: runOptions.arguments(),
      options: try runOptions.runOptions(), outputDirectory: out, force: force, diagnostics: diagnostics)
    try finish(diagnostics) { () throws(SiteError) in try builder.build(paths) }
  }
}
