import Foundation

/// What a builtin may do besides computing its result: report progress, honour
/// interruption and timeouts, output, call functions passed to it, and find files.
public final class Context {
  unowned let runtime: Runtime

  init(runtime: Runtime) {
    self.runtime = runtime
  }

  /// Throws "interrupted" or "cell timed out" when the cell must stop; call it once
  /// per batch, epoch or sample of long work.
  public func checkInterrupt() throws {
    try runtime.poll(at: nil)
  }

  /// Reports progress (`done` of `total` units of `task`) to the runner, and checks for interruption.
  public func progress(task: String, done: Int, total: Int?) throws {
    runtime.onProgress?(ProgressEvent(task: task, done: done, total: total))
    try checkInterrupt()
  }

  /// Appends a line to the cell's printed output.
  public func print(_ line: String) throws {
    try runtime.output.print(line)
  }

  /// Appends a value's display form (a table, a chart, text) to the cell's outputs.
  public func show(_ value: Value) throws {
    try runtime.output.show(value.displayItems)
  }

  /// Calls a language function or builtin passed as an argument (a sort key, a callback).
  public func call(_ callee: Value, _ arguments: [Value], named: [(String, Value)] = []) throws -> Value {
    try Calls.call(callee, positional: arguments, named: named.map { ($0.0, $0.1, nil) }, runtime: runtime, at: nil)
  }

  /// The folder relative paths start from: the notebook's, or the working directory when the
  /// source names no existing folder (such as standard input).
  public var notebookFolder: String {
    let folder = URL(fileURLWithPath: runtime.file).deletingLastPathComponent().standardizedFileURL.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      return FileManager.default.currentDirectoryPath
    }
    return folder
  }

  /// A file path as the notebook means it: absolute paths as they are, relative ones from
  /// ``notebookFolder``, so a notebook finds its files wherever it is run from.
  public func path(_ path: String) -> String {
    if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
    return URL(fileURLWithPath: notebookFolder).appendingPathComponent(path).standardizedFileURL.path
  }

  /// ``path(_:)`` for a file or folder `function` is about to read; throws when the sandbox refuses it.
  public func readPath(_ path: String, for function: String) throws -> String {
    let resolved = self.path(path)
    try runtime.files.check(resolved, .read, by: function, notebookFolder: notebookFolder)
    noteRead(resolved)
    return resolved
  }

  /// ``path(_:)`` for a file `function` is about to write; throws when the sandbox refuses it,
  /// else creates its folder if missing.
  public func writePath(_ path: String, for function: String) throws -> String {
    let resolved = self.path(path)
    try runtime.files.check(resolved, .write, by: function, notebookFolder: notebookFolder)
    if runtime.recording { runtime.reads.wroteFiles = true }
    let folder = URL(fileURLWithPath: resolved).deletingLastPathComponent().path
    // A folder that cannot be made is reported by the write that follows.
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return resolved
  }

  /// Checks that a builtin may allocate about `bytes` (estimated from the sizes it was given,
  /// before it allocates anything): above the session's memory budget it throws an error that
  /// names the size, rather than letting the process grow until the system stops it.
  public func reserve(bytes: Int, for what: String) throws {
    guard bytes > runtime.memoryBudget else { return }
    throw LabError(
      "\(what) would need about \(Context.gigabytes(bytes)), over the memory budget of "
        + "\(Context.gigabytes(runtime.memoryBudget)) (half this machine's memory unless --memory-limit says otherwise)")
  }

  /// `12.3 GB`, `512 MB`.
  static func gigabytes(_ bytes: Int) -> String {
    let gb = Double(bytes) / 1e9
    if gb >= 1e6 { return "more than a petabyte" }
    return gb >= 1 ? "\(NumberFormatting.general(gb, significant: 3)) GB" : "\(NumberFormatting.general(gb * 1000, significant: 3)) MB"
  }

  /// Tells the cell cache that the running cell reads the file or folder at `path` (absolute),
  /// so its contents become part of the cell's key (and the report's provenance lists it). ``readPath(_:for:)`` does it; call it for
  /// files a builtin reads from a place of its own (a data set's default folder).
  public func noteRead(_ path: String) {
    runtime.filesRead.insert(path)
    if runtime.recording { runtime.reads.noteFile(path) }
  }

  /// The notebook's parameters (the `params` record).
  public var params: Record {
    if runtime.recording { runtime.markRead(runtime.globalSlot("params")) }
    if case .record(let record)? = runtime.global("params") { return record }
    return Record()
  }
}
