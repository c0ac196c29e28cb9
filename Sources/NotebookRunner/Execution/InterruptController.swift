import Foundation

/// Routes Ctrl-C to the running cell: the first press interrupts it cooperatively, a second
/// press quits at once.
public final class InterruptController: @unchecked Sendable {
  private let lock = NSLock()
  private var target: CellEngine?
  private var interrupted = false
  private var source: DispatchSourceSignal?

  /// Creates a controller that only interrupts when ``interrupt()`` is called (tests).
  public init() {}

  /// Creates a controller driven by SIGINT; the process ignores the default action from then on.
  public static func installingSignalHandler() -> InterruptController {
    let controller = InterruptController()
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [weak controller] in
      guard let controller else { return }
      if controller.wasInterrupted {
        // The cell did not stop at its next check: the user asked twice, leave now.
        FileHandle.standardError.write(Data("\ninterrupted again: quitting\n".utf8))
        exit(130)
      }
      FileHandle.standardError.write(Data("\ninterrupting the running cell (press Ctrl-C again to quit)\n".utf8))
      controller.interrupt()
    }
    source.resume()
    controller.source = source
    return controller
  }

  /// Whether an interrupt was requested.
  public var wasInterrupted: Bool {
    lock.lock()
    defer { lock.unlock() }
    return interrupted
  }

  /// Requests an interrupt of the running cell and of the rest of the run.
  public func interrupt() {
    lock.lock()
    interrupted = true
    let engine = target
    lock.unlock()
    engine?.interrupt()
  }

  /// Sets the engine an interrupt is sent to (`nil` between notebooks).
  func setTarget(_ engine: CellEngine?) {
    lock.lock()
    target = engine
    lock.unlock()
  }

  deinit {
    source?.cancel()
  }
}
