import Foundation

/// A progress report from a long builtin (training epochs, Monte Carlo samples).
///
/// CONTRACT between Kernel and NotebookRunner.
public struct ProgressEvent: Sendable {
  /// What is running (`train`, `epoch 3/10`).
  public var task: String
  /// Units done so far.
  public var done: Int
  /// Units in all, when known.
  public var total: Int?

  /// Creates an event.
  public init(task: String, done: Int, total: Int?) {
    self.task = task
    self.done = done
    self.total = total
  }
}

/// What running one cell produced.
public struct CellResult: Sendable {
  /// Outputs in order: printed text, shown values, tables, charts, and the
  /// display form of the cell's last expression statement unless it is `none`.
  public var outputs: [DisplayItem]
  /// The error that stopped the cell, if any (outputs before it are kept).
  public var error: LabError?
}

/// One persistent kernel environment: every cell of a notebook runs in the same session.
///
/// CONTRACT between Kernel and NotebookRunner. Thread-safety: `run` is called from
/// one thread at a time; `interrupt()` may be called from any thread (Ctrl-C).
public final class Session: @unchecked Sendable {
  /// The notebook path used in error locations.
  public let file: String
  /// Receives progress events from long builtins; `nil` ignores them.
  public var onProgress: (@Sendable (ProgressEvent) -> Void)? {
    get { runtime.onProgress }
    set { runtime.onProgress = newValue }
  }

  let runtime: Runtime

  /// Half the machine's memory.
  public static var defaultMemoryBudget: Int { Int(ProcessInfo.processInfo.physicalMemory / 2) }
  /// Notebook lines of every cell run so far, for the source line of errors (a function
  /// defined in one cell can fail when called from a later one).
  private var lines: [Int: String] = [:]

  /// Creates a session with a chosen set of builtins, whose builtins reach the files `files`
  /// allows and allocate at most `memoryBudget` bytes at once (half the machine's memory by default).
  public init(
    file: String, params: Record = Record(), registry: BuiltinRegistry, files: FileAccess = FileAccess(),
    memoryBudget: Int? = nil
  ) {
    self.file = file
    self.runtime = Runtime(
      file: file, registry: registry, files: files, memoryBudget: memoryBudget ?? Session.defaultMemoryBudget)
    runtime.define("params", .record(params))
  }

  deinit {
    runtime.clearGlobals()
  }

  /// Runs one cell.
  ///
  /// - Parameters:
  ///   - source: the cell's code (without the fences; `#|` option lines may stay, they are comments).
  ///   - line: the notebook line of the first line of `source` (1-based).
  ///   - column: the notebook column of the first character of each line (1 for fenced code).
  ///   - timeout: seconds after which loops and long builtins stop with an error.
  public func run(_ source: String, line: Int, column: Int = 1, timeout: Double? = nil) -> CellResult {
    remember(source, line: line, column: column)
    let source = source.replacingOccurrences(of: "\r\n", with: "\n")
    var result = CellResult(outputs: [], error: nil)
    // Deep recursion in a debug build needs more stack than a caller's thread may have.
    Session.onLargeStack {
      result = self.runHere(source, line: line, column: column, timeout: timeout)
    }
    return result
  }

  /// Keeps a cell's lines for the source line of later errors, without running it (a cell the
  /// cell cache restored: a function it defined may fail in a later cell).
  public func remember(_ source: String, line: Int, column: Int = 1) {
    let indent = String(repeating: " ", count: max(0, column - 1))
    let source = source.replacingOccurrences(of: "\r\n", with: "\n")
    for (offset, text) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      lines[line + offset] = indent + text
    }
  }

  /// Asks the running cell to stop at its next check (loop iteration, call, batch).
  public func interrupt() {
    runtime.requestInterrupt()
  }

  /// The value of a global variable after the cells run so far (for tests and tools).
  public func value(of name: String) -> Value? {
    runtime.global(name)
  }

  private func runHere(_ source: String, line: Int, column: Int, timeout: Double?) -> CellResult {
    runtime.beginCell(timeout: timeout)
    runtime.cellSource = CellSource(text: source, line: line, column: max(1, column))
    defer { runtime.cellSource = nil }
    do {
      let statements = try Parser.parse(source, line: line, column: max(1, column))
      let (block, slotCount) = try Compiler.compileCell(statements, runtime: runtime)
      let frame = Frame.make(count: slotCount, parent: nil, runtime: runtime)
      _ = try block.run(frame)
      let value = runtime.lastValue
      runtime.lastValue = .none
      do {
        try runtime.output.show(value.displayItems)
      } catch var error as Diagnostic {
        error.pos = error.pos ?? runtime.lastValuePos
        throw error
      }
      return CellResult(outputs: runtime.output.items, error: nil)
    } catch let diagnostic as Diagnostic {
      return CellResult(outputs: runtime.output.items, error: labError(diagnostic))
    } catch {
      return CellResult(outputs: runtime.output.items, error: LabError(Builtin.message(of: error)))
    }
  }

  func labError(_ diagnostic: Diagnostic) -> LabError {
    guard let pos = diagnostic.pos else { return LabError(diagnostic.message, notes: diagnostic.notes) }
    let location = SourceLocation(file: file, line: Int(pos.line), column: Int(pos.column))
    return LabError(diagnostic.message, at: location, sourceLine: lines[Int(pos.line)], notes: diagnostic.notes)
  }

  /// Runs `body` on a thread with a large stack and waits for it.
  static func onLargeStack(_ body: @escaping () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      body()
      done.signal()
    }
    thread.stackSize = Limits.stackSize
    thread.start()
    done.wait()
  }
}
