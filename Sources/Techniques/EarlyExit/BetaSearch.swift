/// One setting tried by a search on the validation split.
public struct SearchTrial: Equatable, Sendable, Codable {
  /// The exit being tuned (0-based), or nil for the shared CR threshold.
  public var exit: Int?
  /// The β or threshold tried.
  public var value: Double
  /// Validation accuracy with it (and the settings fixed before it).
  public var accuracy: Double
  /// Average multiply-accumulates per validation sample with it.
  public var averageMACs: Double
  /// Whether the accuracy stayed within the tolerance.
  public var accepted: Bool
}

/// The authors' β search: visit the exits in descending order of the MACs of the segment after
/// them (what stopping there saves next); raise that exit's β from `start` in steps of `step`
/// while validation accuracy stays at or above the original's minus `tolerance`; then back off
/// `backoff` steps from the first β that fell below (or from one step past 1). An exit whose
/// β would fall to zero or below is turned off.
public struct BetaSearch: Equatable, Sendable {
  /// How much validation accuracy may fall below the original network's (0.001 for their VGG on CIFAR-10).
  public var tolerance: Double
  /// The first β tried at each exit.
  public var start: Double
  /// The increment of β.
  public var step: Double
  /// Steps taken back from the first failing β.
  public var backoff: Int
  /// Whether accuracy uses the masked final decision (the paper) or the unmasked one (the released script).
  public var masked: Bool

  /// Creates the search with the authors' start, step and back-off.
  public init(tolerance: Double, start: Double = 0.01, step: Double = 0.01, backoff: Int = 2, masked: Bool = true) throws {
    guard tolerance >= 0, tolerance < 1 else {
      throw EarlyExitError(.invalidSetting, "the tolerance must be in [0, 1), got \(tolerance)")
    }
    guard start > 0, start <= 1 else { throw EarlyExitError(.invalidSetting, "the first β must be in (0, 1], got \(start)") }
    guard step > 0, step <= 1 else { throw EarlyExitError(.invalidSetting, "the β step must be in (0, 1], got \(step)") }
    guard backoff >= 0 else { throw EarlyExitError(.invalidSetting, "the back-off must be zero or more steps, got \(backoff)") }
    self.tolerance = tolerance
    self.start = start
    self.step = step
    self.backoff = backoff
    self.masked = masked
  }

  /// The order the exits are visited in: descending MACs of the segment after each, earlier exit first on ties.
  public static func order(segmentMACs: [Int]) -> [Int] {
    let exits = Swift.max(segmentMACs.count - 1, 0)
    return (0..<exits).sorted { a, b in
      segmentMACs[a + 1] != segmentMACs[b + 1] ? segmentMACs[a + 1] > segmentMACs[b + 1] : a < b
    }
  }

  /// Searches every exit's β on `scores` (the validation split's); `onTrial(done)` may throw to stop.
  public func run(on scores: ExitScores, onTrial: ((Int) throws -> Void)? = nil) throws -> BetaSearchResult {
    let baseline = scores.originalAccuracy
    let floor = baseline - tolerance
    var betas = [Double?](repeating: nil, count: scores.exits.count)
    var trials: [SearchTrial] = []
    let values = Int(((1 - start) / step + 1e-9).rounded(.down)) + 1  // start, start + step, ..., ≤ 1
    for j in Self.order(segmentMACs: scores.segmentMACs) {
      var stop = values + 1  // 1-based index of the first failing β; one past the last if none fails
      for m in 1...values {
        let beta = start + Double(m - 1) * step
        betas[j] = beta
        let outcomes = try scores.replay(.classExclusion(betas: betas))
        let accuracy = scores.accuracy(outcomes, masked: masked)
        let ok = accuracy >= floor - 1e-12
        trials.append(
          SearchTrial(exit: j, value: beta, accuracy: accuracy, averageMACs: Self.mean(outcomes), accepted: ok))
        try onTrial?(trials.count)
        if !ok {
          stop = m
          break
        }
      }
      let chosen = stop - backoff
      betas[j] = chosen >= 1 ? start + Double(chosen - 1) * step : nil
    }
    let outcomes = try scores.replay(.classExclusion(betas: betas))
    return BetaSearchResult(
      betas: betas, order: Self.order(segmentMACs: scores.segmentMACs), originalAccuracy: baseline,
      accuracy: scores.accuracy(outcomes, masked: masked), averageMACs: Self.mean(outcomes), trials: trials)
  }

  /// The mean multiply-accumulates of some outcomes.
  static func mean(_ outcomes: [ExitOutcome]) -> Double {
    outcomes.isEmpty ? 0 : Double(outcomes.reduce(0) { $0 + $1.macs }) / Double(outcomes.count)
  }
}

/// What a β search chose, and every setting it tried.
public struct BetaSearchResult: Equatable, Sendable, Codable {
  /// One β per exit; nil where the exit was turned off.
  public var betas: [Double?]
  /// The exits in the order they were visited.
  public var order: [Int]
  /// The original network's validation accuracy.
  public var originalAccuracy: Double
  /// Validation accuracy with the chosen βs.
  public var accuracy: Double
  /// Average multiply-accumulates per validation sample with the chosen βs.
  public var averageMACs: Double
  /// Every β tried, in order.
  public var trials: [SearchTrial]
}
