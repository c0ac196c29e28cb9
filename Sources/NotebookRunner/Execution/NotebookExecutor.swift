import Foundation
import Kernel

/// Runs a notebook's cells in order in one fresh engine, applying the failure policy and time limits.
public struct NotebookExecutor {
  /// Parameters, failure policy and time limits.
  public var options: RunOptions
  /// Makes the engine (a kernel ``Session`` in the options' sandbox by default).
  public var makeEngine: CellEngineFactory
  /// The time source.
  public var clock: RunClock
  /// Routes Ctrl-C to the running cell, when installed.
  public var interrupts: InterruptController?
  /// Follows the run (progress line, terminal output).
  public var observer: ExecutionObserver?

  /// Creates an executor.
  public init(
    options: RunOptions = RunOptions(), makeEngine: CellEngineFactory? = nil,
    clock: RunClock = SystemClock(), interrupts: InterruptController? = nil, observer: ExecutionObserver? = nil
  ) {
    self.options = options
    self.makeEngine = makeEngine ?? Session.factory(files: options.files, memoryLimit: options.memoryLimit)
    self.clock = clock
    self.interrupts = interrupts
    self.observer = observer
  }

  /// Runs `notebook`.
  ///
  /// - Throws: ``NotebookError`` when its parameters cannot be resolved (unknown profile or
  ///   `-P` name); errors in cells do not throw, they are part of the returned run.
  public func run(_ notebook: Notebook) throws(NotebookError) -> NotebookRun {
    let params = try ParameterResolver.resolve(
      notebook.frontMatter, profile: options.profile, overrides: options.overrides, file: notebook.path)
    let startedAt = clock.now()
    let start = clock.seconds()
    let cpuStart = CacheCost.processCPUSeconds()
    let cells = notebook.cells
    observer?.notebookStarted(notebook, cellCount: cells.count)

    let engine = makeEngine(notebook.path, params)
    if let observer {
      let forward = ProgressForwarder(observer: observer)
      engine.onProgress = { event in forward.send(event) }
    }
    interrupts?.setTarget(engine)
    defer { interrupts?.setTarget(nil) }

    var notes: [String] = []
    let cellCache = makeCellCache(notebook, engine: engine, notes: &notes)
    var results: [CellRun] = []
    var stopReason: String?
    var interrupted = false

    for cell in cells {
      if let reason = stopReason {
        let skipped = CellRun(cell: cell, status: .notRun(reason: reason))
        results.append(skipped)
        observer?.cellFinished(skipped)
        continue
      }
      let elapsed = clock.seconds() - start
      let remaining = options.totalTimeout.map { $0 - elapsed }
      if let remaining, remaining <= 0, let total = options.totalTimeout {
        stopReason = "the notebook's time limit (\(Self.seconds(total))) was reached"
        notes.append("stopped: the notebook's time limit of \(Self.seconds(total)) was reached")
        let skipped = CellRun(cell: cell, status: .notRun(reason: stopReason!))
        results.append(skipped)
        observer?.cellFinished(skipped)
        continue
      }

      let cellLimit = cell.options.timeout ?? options.cellTimeout
      let limit = [cellLimit, remaining].compactMap { $0 }.min()
      observer?.cellStarted(cell)
      let cellStart = clock.seconds()
      // A little after the limit, so a kernel that honours it reports its own timeout first.
      let watchdog = limit.map { Watchdog(seconds: $0 + max(0.25, $0 * 0.05), engine: engine) }
      var outcome: CellOutcome
      var cacheStatus: CellCacheStatus?
      if let cellCache {
        let enabled = cell.options.cache ?? (options.cache.enabled || notebook.frontMatter.cache)
        (outcome, cacheStatus) = cellCache.run(cell, enabled: enabled, timeout: limit)
      } else {
        outcome = engine.runCell(cell.source, line: cell.line, column: cell.column, timeout: limit)
      }
      let watchdogFired = watchdog?.finish() ?? false
      let duration = clock.seconds() - cellStart
      // The kernel may stop the cell itself a moment before the watchdog fires.
      let timedOut = outcome.error != nil && (watchdogFired || limit.map { duration >= $0 } ?? false)

      let totalReached = remaining.map { limit == $0 && timedOut } ?? false
      if timedOut, var error = outcome.error {
        error.notes.append(
          totalReached
            ? "note: the notebook's time limit (--total-timeout \(Self.seconds(options.totalTimeout ?? 0))) was reached"
            : "note: the cell's time limit of \(Self.seconds(limit ?? 0)) was reached")
        outcome.error = error
      }
      if interrupts?.wasInterrupted == true, var error = outcome.error {
        error.notes.append("note: interrupted by the user (Ctrl-C)")
        outcome.error = error
      }

      let status: CellRun.Status
      if let error = outcome.error {
        status = cell.options.error ? .allowedError(error) : .failed(error)
      } else {
        status = .ok
      }
      var result = CellRun(cell: cell, status: status, outputs: outcome.outputs, duration: duration)
      result.cache = cacheStatus
      if let cacheStatus, options.cache.explain {
        FileHandle.standardError.write(Data((cacheStatus.explanation(cell: cell.index + 1) + "\n").utf8))
      }
      results.append(result)
      observer?.cellFinished(result)

      if interrupts?.wasInterrupted == true {
        interrupted = true
        stopReason = "the run was interrupted (Ctrl-C)"
      } else if totalReached {
        stopReason = "the notebook's time limit (\(Self.seconds(options.totalTimeout ?? 0))) was reached"
        notes.append("stopped: the notebook's time limit of \(Self.seconds(options.totalTimeout ?? 0)) was reached")
      } else if status.isFailure, !options.keepGoing {
        stopReason = "cell \(cell.index + 1) (line \(cell.line)) failed"
      }
    }

    if let cellCache {
      notes += cellCache.notes
      cellCache.evict(toFit: options.cache.sizeLimit)
      if options.cache.explain {
        let summary = cellCache.cost.summary(cpu: CacheCost.processCPUSeconds() - cpuStart, wall: clock.seconds() - start)
        FileHandle.standardError.write(Data((summary + "\n").utf8))
      }
    }
    var provenance: Provenance?
    if options.recordsProvenance {
      provenance = Provenance.current(parameters: params)
      let read = Set((engine as? Session)?.filesRead ?? []).union(cellCache?.filesReadByHits ?? [])
      provenance?.dataFiles = Provenance.dataFiles(read.sorted(), digest: cellCache?.fileDigest ?? Provenance.sha256)
    }
    let run = NotebookRun(
      notebook: notebook, parameters: params, profile: options.profile, cells: results,
      startedAt: startedAt, duration: clock.seconds() - start, notes: notes, interrupted: interrupted,
      provenance: provenance)
    observer?.notebookFinished(run)
    return run
  }

  /// The cell cache for this run, when the options, the front matter or a cell ask for it and
  /// the engine is the kernel's session; a store that cannot be opened is a note, not a failure.
  func makeCellCache(_ notebook: Notebook, engine: CellEngine, notes: inout [String]) -> CellCache? {
    let wanted = options.cache.enabled || notebook.frontMatter.cache || notebook.cells.contains { $0.options.cache == true }
    guard wanted, let session = engine as? Session else { return nil }
    let folder = options.cache.directory
      ?? URL(fileURLWithPath: notebook.path).deletingLastPathComponent().appendingPathComponent(".nnlab-cache").path
    do {
      let store = try CacheStore(directory: folder)
      var settings = options.cache
      settings.enabled = true
      let labels = Set(notebook.cells.compactMap(\.options.label))
      for label in settings.refresh.subtracting(labels).sorted() {
        notes.append("--refresh \(label): no cell of this notebook has that label"
          + Suggestion.hint(for: label, among: labels.sorted()))
      }
      return CellCache(store: store, session: session, settings: settings)
    } catch {
      notes.append("cell cache off: its folder \(folder) cannot be made (\(error.localizedDescription))")
      return nil
    }
  }

  /// `2 s`, `0.5 s`: a limit as the user wrote it.
  static func seconds(_ value: Double) -> String {
    let text = value == value.rounded() ? String(Int(value)) : String(value)
    return "\(text) s"
  }
}

/// Passes kernel progress events on to an observer from whichever thread sends them.
private final class ProgressForwarder: @unchecked Sendable {
  weak var observer: ExecutionObserver?
  init(observer: ExecutionObserver) { self.observer = observer }
  func send(_ event: ProgressEvent) { observer?.progress(event) }
}

/// Interrupts the engine when a cell outlives its time limit.
///
/// The kernel also receives the limit and stops itself at its next check; the watchdog is the
/// backstop for code that does not check (and tells the runner the limit was what stopped it).
private final class Watchdog: @unchecked Sendable {
  private let lock = NSLock()
  private var fired = false
  private var done = false
  private let item: DispatchWorkItem

  init(seconds: Double, engine: CellEngine) {
    let box = EngineBox(engine)
    var selfRef: Watchdog?
    item = DispatchWorkItem { selfRef?.fire(box) }
    selfRef = self
    DispatchQueue.global().asyncAfter(deadline: .now() + max(seconds, 0), execute: item)
    // Break the cycle once the work item has run or been cancelled.
    item.notify(queue: .global()) { selfRef = nil }
  }

  private func fire(_ box: EngineBox) {
    lock.lock()
    guard !done else {
      lock.unlock()
      return
    }
    fired = true
    lock.unlock()
    box.engine.interrupt()
  }

  /// Stops the watchdog; returns whether the time limit was reached.
  func finish() -> Bool {
    lock.lock()
    done = true
    let result = fired
    lock.unlock()
    item.cancel()
    return result
  }
}

/// Carries an engine to another thread; engines allow `interrupt()` from any thread.
private struct EngineBox: @unchecked Sendable {
  let engine: CellEngine
  init(_ engine: CellEngine) { self.engine = engine }
}
