/// How far `nnlab check` lets a number drift from the stored report: a tolerance per table column
/// or chart series name, `"*"` for the rest.
///
/// A tolerance `t` accepts `|a − b| ≤ t · max(|a|, |b|, 1)`: relative for numbers above 1,
/// absolute below (accuracies as fractions, rates). Without one, numbers must agree to
/// ``Tolerances/defaultTolerance`` relative.
public struct Tolerances: Sendable, Equatable {
  /// The tolerance of numbers no rule names.
  public static let defaultTolerance = 1e-9

  /// Tolerances by column or series name; `"*"` for every other name.
  public var byName: [String: Double]

  /// Creates tolerances.
  public init(_ byName: [String: Double] = [:]) {
    self.byName = byName
  }

  /// The tolerance for numbers of the column or series `name`.
  public func tolerance(for name: String) -> Double {
    byName[name] ?? byName["*"] ?? Self.defaultTolerance
  }

  /// These tolerances with `other`'s rules added over them (a cell's over the front matter's).
  public func overridden(by other: Tolerances?) -> Tolerances {
    guard let other else { return self }
    return Tolerances(byName.merging(other.byName) { _, new in new })
  }

  /// Whether `a` and `b` agree within `tolerance`; equal infinities and two NaNs agree.
  public static func agree(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
    if a == b || (a.isNaN && b.isNaN) { return true }
    guard a.isFinite, b.isFinite else { return false }
    return Swift.abs(a - b) <= tolerance * Swift.max(Swift.abs(a), Swift.abs(b), 1)
  }
}
