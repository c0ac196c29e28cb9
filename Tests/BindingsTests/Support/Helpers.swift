import Foundation
import Testing
@testable import Bindings
@testable import Kernel

/// Runs one cell in a fresh session (cell starting at notebook line 1) whose builtins reach
/// the files `files` allows besides the working directory.
func run(_ source: String, timeout: Double? = nil, files: FileAccess = FileAccess()) -> CellResult {
  Session(file: "nb.md", files: files).run(source, line: 1, timeout: timeout)
}

/// The text outputs of a result, in order.
func texts(_ result: CellResult) -> [String] {
  result.outputs.compactMap { if case .text(let text) = $0 { return text } else { return nil } }
}

/// The printed and displayed text of a cell that must succeed.
func output(
  _ source: String, files: FileAccess = FileAccess(), sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> String {
  let result = run(source, files: files)
  #expect(result.error == nil, "unexpected error: \(result.error?.rendered ?? "")", sourceLocation: sourceLocation)
  return texts(result).joined(separator: "\n")
}

/// The value of an expression, shown as its `repr`.
func eval(_ expression: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
  let session = Session(file: "nb.md")
  let result = session.run("__result = \(expression)", line: 1)
  #expect(result.error == nil, "unexpected error: \(result.error?.rendered ?? "")", sourceLocation: sourceLocation)
  return session.value(of: "__result")?.repr ?? "<unset>"
}

/// Expects the cell to fail at `line:column` with exactly `message`.
func expectError(
  _ source: String, at position: String, _ message: String, timeout: Double? = nil,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let result = run(source, timeout: timeout)
  guard let error = result.error else {
    Issue.record("expected error '\(message)', got none", sourceLocation: sourceLocation)
    return
  }
  let where_ = error.location.map { "\($0.line):\($0.column)" } ?? "?"
  #expect(where_ == position, "error '\(error.message)' at \(where_)", sourceLocation: sourceLocation)
  #expect(error.message == message, sourceLocation: sourceLocation)
  #expect(error.location?.file == "nb.md", sourceLocation: sourceLocation)
}

/// Progress events, collected from the thread that reports them.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var events: [ProgressEvent] = []
  func append(_ event: ProgressEvent) { lock.withLock { events.append(event) } }
  var items: [ProgressEvent] { lock.withLock { events } }
}
