import Foundation

/// The time source of a run: wall-clock dates for the footer, a monotonic clock for durations.
///
/// Injected so reports rendered in tests do not change with the time of day.
public protocol RunClock: Sendable {
  /// The current date.
  func now() -> Date
  /// Seconds on a monotonic clock (only differences matter).
  func seconds() -> Double
}

/// The real clocks.
public struct SystemClock: RunClock {
  /// Creates the system clock.
  public init() {}
  /// The current date.
  public func now() -> Date { Date() }
  /// Monotonic seconds since boot.
  public func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

/// A clock that never moves: every run starts at `date` and takes no time.
public struct FixedClock: RunClock {
  /// The date every run reports.
  public var date: Date

  /// Creates a clock stopped at `date`.
  public init(date: Date) { self.date = date }
  /// Always `date`.
  public func now() -> Date { date }
  /// Always 0, so every duration is 0.
  public func seconds() -> Double { 0 }
}
