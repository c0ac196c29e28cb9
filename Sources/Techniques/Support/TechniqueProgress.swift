/// Where a long computation of a technique is (pruning, compensation training, a search):
/// `done` of `total` units of `task`.
///
/// Handlers may throw to stop the computation (interrupts, timeouts); the error propagates unchanged.
public struct TechniqueProgress: Sendable, Equatable {
  /// What is running (`importance`, `fine-tune round 2`, `compensation training`).
  public var task: String
  /// Units finished.
  public var done: Int
  /// Units in all.
  public var total: Int

  /// Creates a progress report.
  public init(task: String, done: Int, total: Int) {
    self.task = task
    self.done = done
    self.total = total
  }
}

/// Receives progress reports; throw to stop.
public typealias TechniqueProgressHandler = (TechniqueProgress) throws -> Void
