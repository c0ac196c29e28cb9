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
  public var onProgress: (@Sendable (ProgressEvent) -> Void)?

  /// Creates a session whose `params` record holds `params`.
  public init(file: String, params: Record = Record()) {
    self.file = file
  }

  /// Runs one cell.
  ///
  /// - Parameters:
  ///   - source: the cell's code (without the fences; `#|` option lines may stay, they are comments).
  ///   - line: the notebook line of the first line of `source` (1-based).
  ///   - column: the notebook column of the first character of each line (1 for fenced code).
  ///   - timeout: seconds after which loops and long builtins stop with an error.
  public func run(_ source: String, line: Int, column: Int = 1, timeout: Double? = nil) -> CellResult {
    CellResult(outputs: [], error: LabError("the kernel is not built yet", at: SourceLocation(file: file, line: line, column: column)))
  }

  /// Asks the running cell to stop at its next check (loop iteration, call, batch).
  public func interrupt() {}
}
