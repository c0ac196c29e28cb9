import ArgumentParser
import NotebookRunner
import Tensor

/// The `nnlab` command: renders and runs notebooks. The logic lives in NotebookRunner.
@main
struct NNLabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nnlab",
    abstract: "A literate notebook runner for research on neural-network hardware.",
    version: NNLab.version,
    subcommands: [RenderCommand.self, RunCommand.self, CheckCommand.self, ReferenceCommand.self])

  static func main() {
    HeapSettings.apply()  // before any thread starts
    main(nil)
  }
}
