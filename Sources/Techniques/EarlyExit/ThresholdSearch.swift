/// The confidence baseline's (CR) threshold search, mirroring the β search: lower one shared
/// threshold from `1 − step` in steps of `step` while validation accuracy stays at or above the
/// original's minus `tolerance`; then back off `backoff` steps from the first that fell below.
/// A threshold of 1 lets no sample out early.
///
/// The authors' code gave CR a looser tolerance (0.01 and 0.015) than class exclusion; a fair
/// comparison passes the same tolerance to both searches.
public struct ThresholdSearch: Equatable, Sendable {
  /// How much validation accuracy may fall below the original network's.
  public var tolerance: Double
  /// The decrement of the threshold.
  public var step: Double
  /// Steps taken back from the first failing threshold.
  public var backoff: Int

  /// Creates the search.
  public init(tolerance: Double, step: Double = 0.01, backoff: Int = 2) throws {
    guard tolerance >= 0, tolerance < 1 else {
      throw EarlyExitError(.invalidSetting, "the tolerance must be in [0, 1), got \(tolerance)")
    }
    guard step > 0, step < 1 else { throw EarlyExitError(.invalidSetting, "the threshold step must be in (0, 1), got \(step)") }
    guard backoff >= 0 else { throw EarlyExitError(.invalidSetting, "the back-off must be zero or more steps, got \(backoff)") }
    self.tolerance = tolerance
    self.step = step
    self.backoff = backoff
  }

  /// Searches the threshold on `scores` (the validation split's, from heads trained by cross-entropy).
  public func run(on scores: ExitScores, onTrial: ((Int) throws -> Void)? = nil) throws -> ThresholdSearchResult {
    let baseline = scores.originalAccuracy
    let floor = baseline - tolerance
    var trials: [SearchTrial] = []
    let values = Int((1 / step - 1e-9).rounded(.down))  // 1 − step, ..., > 0
    var stop = values + 1
    for m in 1...Swift.max(values, 1) where values >= 1 {
      let threshold = 1 - Double(m) * step
      let outcomes = try scores.replay(.confidence(threshold: threshold))
      let accuracy = scores.accuracy(outcomes)
      let ok = accuracy >= floor - 1e-12
      trials.append(
        SearchTrial(exit: nil, value: threshold, accuracy: accuracy, averageMACs: BetaSearch.mean(outcomes), accepted: ok))
      try onTrial?(trials.count)
      if !ok {
        stop = m
        break
      }
    }
    let chosen = stop - backoff
    let threshold = chosen >= 1 ? 1 - Double(chosen) * step : 1
    let outcomes = try scores.replay(.confidence(threshold: threshold))
    return ThresholdSearchResult(
      threshold: threshold, originalAccuracy: baseline, accuracy: scores.accuracy(outcomes),
      averageMACs: BetaSearch.mean(outcomes), trials: trials)
  }
}

/// What a threshold search chose, and every threshold it tried.
public struct ThresholdSearchResult: Equatable, Sendable, Codable {
  /// The chosen threshold (1: nothing exits early).
  public var threshold: Double
  /// The original network's validation accuracy.
  public var originalAccuracy: Double
  /// Validation accuracy with the chosen threshold.
  public var accuracy: Double
  /// Average multiply-accumulates per validation sample with it.
  public var averageMACs: Double
  /// Every threshold tried, in order.
  public var trials: [SearchTrial]
}
