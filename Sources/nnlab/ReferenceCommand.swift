import ArgumentParser
import Foundation
import NotebookRunner

/// `nnlab reference`: the language reference, as Markdown or as an HTML page.
struct ReferenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reference",
    abstract: "Print the language reference as Markdown, or write it to a file (HTML when the name ends in .html).")

  @Option(help: "Write to FILE instead of printing.")
  var out: String?

  func run() throws {
    guard let out else {
      print(LanguageReference.markdown(), terminator: "")
      return
    }
    let text = out.hasSuffix(".html") ? LanguageReference.html() : LanguageReference.markdown()
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
    } catch {
      FileHandle.standardError.write(Data("error: cannot write '\(out)': \(error.localizedDescription)\n".utf8))
      throw ExitCode(1)
    }
  }
}
