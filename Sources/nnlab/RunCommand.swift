import ArgumentParser
import NotebookRunner

/// `nnlab run`: one notebook, outputs in the terminal.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a notebook and print its outputs: text, tables as text, charts summarised in words.")

  @Argument(help: "The notebook file.")
  var file: String

  @OptionGroup var runOptions: RunOptionsGroup

  func run() throws {
    let runner = TerminalRunner(options: try runOptions.runOptions(), interrupts: .installingSignalHandler())
    let status = runner.run(path: file)
    if status != 0 { throw ExitCode(status) }
  }
}
