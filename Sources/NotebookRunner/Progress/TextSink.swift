import Foundation

/// Where progress and diagnostics are written: standard error, or a string in tests.
public final class TextSink: @unchecked Sendable {
  private let lock = NSLock()
  private let handle: FileHandle?
  private var buffer = ""

  /// Writes to standard error.
  public static func standardError() -> TextSink { TextSink(handle: .standardError) }

  /// Writes to a file handle.
  public init(handle: FileHandle) { self.handle = handle }

  /// Collects text in memory (read it with ``text``).
  public init() { handle = nil }

  /// Writes text as is.
  public func write(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    if let handle {
      handle.write(Data(text.utf8))
    } else {
      buffer += text
    }
  }

  /// Everything written so far, for sinks that collect in memory.
  public var text: String {
    lock.lock()
    defer { lock.unlock() }
    return buffer
  }

  /// The terminal's width in characters, when the handle is a terminal that reports one.
  public var terminalColumns: Int? {
    guard let handle, isatty(handle.fileDescriptor) != 0 else { return nil }
    var size = winsize()
    guard ioctl(handle.fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// Whether the handle is a terminal (a live progress line makes sense there).
  public var isTerminal: Bool {
    guard let handle else { return false }
    return isatty(handle.fileDescriptor) != 0
  }
}
