import Bindings
import Kernel

/// What runs cells: the kernel's ``Session`` in production, a scripted engine in tests.
///
/// The runner only needs these four things from a kernel, so execution, timeouts and
/// failure handling can be tested without one.
public protocol CellEngine: AnyObject {
  /// Receives progress events from long builtins.
  var onProgress: (@Sendable (ProgressEvent) -> Void)? { get set }
  /// Runs one cell (see ``Session/run(_:line:column:timeout:)``).
  func runCell(_ source: String, line: Int, column: Int, timeout: Double?) -> CellOutcome
  /// Asks the running cell to stop; callable from any thread.
  func interrupt()
}

/// What one cell produced: outputs in order and the error that stopped it, if any.
public struct CellOutcome: Sendable {
  /// Outputs in order.
  public var outputs: [DisplayItem]
  /// The error that stopped the cell.
  public var error: LabError?

  /// Creates an outcome.
  public init(outputs: [DisplayItem] = [], error: LabError? = nil) {
    self.outputs = outputs
    self.error = error
  }
}

/// Makes one fresh engine per notebook from its path and parameters.
public typealias CellEngineFactory = (_ file: String, _ params: Record) -> CellEngine

extension Session: CellEngine {
  /// Runs a cell through the kernel.
  public func runCell(_ source: String, line: Int, column: Int, timeout: Double?) -> CellOutcome {
    let result = run(source, line: line, column: column, timeout: timeout)
    return CellOutcome(outputs: result.outputs, error: result.error)
  }

  /// The production factory: a kernel session per notebook, whose builtins reach the files
  /// `files` allows and allocate at most `memoryLimit` bytes at once (`nil`: the default budget).
  public static func factory(files: FileAccess, memoryLimit: Int? = nil) -> CellEngineFactory {
    { file, params in Session(file: file, params: params, files: files, memoryBudget: memoryLimit) }
  }
}
