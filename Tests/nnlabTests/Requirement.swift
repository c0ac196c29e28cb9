import Testing

/// A trait for what `make test` installs (a Debian package, a data set, the built executable).
///
/// When `isMet` is false the test FAILS with `what` in its message; it is never skipped, so a
/// missing tool or data set cannot make a check silently stop running.
struct Requirement: TestTrait, SuiteTrait, TestScoping {
  /// What is needed and how to get it.
  let what: String
  /// Whether it is there.
  let isMet: @Sendable () -> Bool

  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    guard isMet() else {
      Issue.record("missing: \(what)")
      return
    }
    try await function()
  }
}

extension Trait where Self == Requirement {
  /// Fails (does not skip) the test or suite when `isMet` is false.
  static func requires(_ what: String, _ isMet: @autoclosure @escaping @Sendable () -> Bool) -> Self {
    Requirement(what: what, isMet: isMet)
  }
}
