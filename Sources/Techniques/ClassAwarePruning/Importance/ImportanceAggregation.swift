/// The order in which per-position scores become a filter's importance.
///
/// Both readings exist: the talk takes, for each class, the maximum over a filter's
/// activations and then adds the classes; the authors' code adds the classes per activation
/// position first and then takes the maximum over positions. The second is never larger.
public enum ImportanceAggregation: String, Sendable, Equatable, CaseIterable, Codable {
  /// `Σ_class max_position s̄` — the talk's formula (a soft count of classes).
  case maxThenSum
  /// `max_position Σ_class s̄` — the authors' code.
  case sumThenMax
}
