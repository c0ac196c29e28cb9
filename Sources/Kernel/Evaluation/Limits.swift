/// The bounds that keep a cell from exhausting the stack, the memory or the report.
public enum Limits {
  /// Calls of language functions nested deeper than this stop with an error, not a crash.
  public static let maximumCallDepth = 200
  /// Text, table cells and chart points a cell may output, in bytes.
  public static let maximumOutputBytes = 1_000_000
  /// `print` and `show` calls (and other outputs) a cell may make.
  public static let maximumOutputs = 10_000
  /// Elements a list may hold (ranges turned into lists, `+`, `*`).
  public static let maximumListCount = 10_000_000
  /// Levels of lists and records a value stored in a variable may nest: every recursion over
  /// values (display, equality, the deallocation of a nested array) stays within the stack.
  public static let maximumValueDepth = 1_000
  /// Characters (UTF-8 bytes) a string may hold.
  public static let maximumStringBytes = 100_000_000
  /// Stack of the thread a cell runs on: deep recursion in debug builds needs room.
  static let stackSize = 64 << 20
  /// Loop iterations and calls between two looks at the clock and the interrupt flag.
  static let ticksBetweenPolls = 256
}
