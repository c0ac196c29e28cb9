import ArgumentParser
import NotebookRunner

/// `nnlab check`: re-runs notebooks and compares their tables and charts with a rendered site.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Re-run notebooks and compare every table and chart with the reports in a site folder.",
    discussion: """
      Numbers must agree within the notebook's tolerances: `tolerance: {accuracy: 0.01, "*": 1e-6}` in the \
      front matter or as a cell option (`#| tolerance: 0.01`). A tolerance t accepts |a - b| <= t * max(|a|, |b|, 1); \
      without one, numbers must agree to 1e-9. The profile defaults to the one the report was made with. \
      Exits with 1 when anything differs or a notebook cannot be checked.
      """)

  @Argument(help: "Notebook files, or folders whose *.md files are checked.")
  var paths: [String]

  @Option(help: ArgumentHelp("The site folder holding the reports to compare with.", valueName: "DIR"))
  var against = "site"

  @OptionGroup var runOptions: RunOptionsGroup

  func run() throws {
    let diagnostics = TextSink.standardError()
    let progress: ExecutionObserver =
      diagnostics.isTerminal
      ? TerminalProgressLine(sink: diagnostics, verb: "checked")
      : SummaryLineProgress(sink: diagnostics, verb: "checked")
    var options = try runOptions.runOptions()
    options.files.readable.append(against)
    let checker = NotebookChecker(
      options: options, against: against, interrupts: .installingSignalHandler(), progress: progress,
      output: TextSink(handle: .standardOutput))
    let status = checker.check(paths).exitStatus
    if status != 0 { throw ExitCode(status) }
  }
}
