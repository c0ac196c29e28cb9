import ArgumentParser
import NotebookRunner

/// `nnlab render`: notebooks to a static site.
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

  func run() throws {
    let diagnostics = TextSink.standardError()
    let progress: ExecutionObserver =
      diagnostics.isTerminal
      ? TerminalProgressLine(sink: diagnostics, verb: "rendered")
      : SummaryLineProgress(sink: diagnostics, verb: "rendered")
    let builder = SiteBuilder(
      options: try runOptions.runOptions(), outputDirectory: out,
      interrupts: .installingSignalHandler(), progress: progress, diagnostics: diagnostics, force: force)
    let result: SiteResult
    do {
      result = try builder.build(paths)
    } catch {
      diagnostics.write(error.description + "\n")
      throw ExitCode(1)
    }
    if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
  }
}
