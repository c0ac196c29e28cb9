/// Where a long CorrectNet computation stands, passed to its callback (which may throw to stop it).
public struct CorrectNetProgress: Equatable, Sendable {
  /// What is running (`compensation training`, `search step 2: conv1`).
  public var task: String
  /// Units of work finished (batches, samples).
  public var done: Int
  /// Units of work in the task.
  public var total: Int

  /// Creates a progress report.
  public init(task: String, done: Int, total: Int) {
    self.task = task
    self.done = done
    self.total = total
  }
}
