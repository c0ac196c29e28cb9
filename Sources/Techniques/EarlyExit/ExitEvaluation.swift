import NeuralNetwork

/// Per-exit figures of an early-exit evaluation (the talk's two bar charts come from these).
public struct ExitStatistics: Equatable, Sendable, Codable {
  /// The exit's layer path, or "final".
  public var name: String
  /// The exit's β or the shared CR threshold; nil for an exit that is off and for the final layer.
  public var setting: Double?
  /// Samples that reached this exit.
  public var reached: Int
  /// Samples that stopped here.
  public var finished: Int
  /// Mean number of classes this exit removed, over the samples that reached it (0 for CR).
  public var meanExcluded: Double
  /// Mean number of classes removed so far, over the samples that reached it, after this exit.
  public var meanExcludedSoFar: Double
}

/// The outcome of early-exit inference on a labelled set: accuracy (masked and unmasked),
/// multiply-accumulates against the original network, and per-exit statistics.
public struct ExitEvaluation: Equatable, Sendable, Codable {
  /// The policy evaluated.
  public var policy: ExitPolicy
  /// Every sample's outcome.
  public var outcomes: [ExitOutcome]
  /// Accuracy with the masked final decision (the paper's).
  public var accuracy: Double
  /// Accuracy with the unmasked final decision (the released test script's).
  public var unmaskedAccuracy: Double
  /// Mean multiply-accumulates per sample, heads included.
  public var averageMACs: Double
  /// The original network's multiply-accumulates per sample.
  public var originalMACs: Int
  /// `1 − averageMACs / originalMACs`.
  public var macReduction: Double
  /// One row per exit, then the final layer.
  public var exits: [ExitStatistics]

  /// Summarises `outcomes` of a model with `exitNames`, `classCount` classes and `originalMACs`.
  public init(
    policy: ExitPolicy, outcomes: [ExitOutcome], labels: [Int], exitNames: [String], classCount: Int, originalMACs: Int
  ) {
    self.policy = policy
    self.outcomes = outcomes
    let n = Double(Swift.max(outcomes.count, 1))
    accuracy = Double(zip(outcomes, labels).filter { $0.masked == $1 }.count) / n
    unmaskedAccuracy = Double(zip(outcomes, labels).filter { $0.unmasked == $1 }.count) / n
    averageMACs = outcomes.isEmpty ? 0 : Double(outcomes.reduce(0) { $0 + $1.macs }) / n
    self.originalMACs = originalMACs
    macReduction = originalMACs > 0 ? 1 - averageMACs / Double(originalMACs) : 0
    var rows: [ExitStatistics] = []
    for (j, name) in exitNames.enumerated() {
      let setting: Double?
      switch policy {
      case .classExclusion(let betas): setting = j < betas.count ? betas[j] : nil
      case .confidence(let threshold): setting = threshold
      }
      let reached = outcomes.filter { ($0.exit ?? Int.max) >= j }
      var excluded = 0
      var soFar = 0
      for outcome in reached {
        excluded += outcome.excluded[j] ?? 0
        soFar += outcome.excluded.prefix(j + 1).reduce(0) { $0 + ($1 ?? 0) }
      }
      let count = Double(Swift.max(reached.count, 1))
      rows.append(
        ExitStatistics(
          name: name, setting: setting, reached: reached.count, finished: outcomes.filter { $0.exit == j }.count,
          meanExcluded: Double(excluded) / count, meanExcludedSoFar: Double(soFar) / count))
    }
    let atEnd = outcomes.filter { $0.exit == nil }.count
    rows.append(
      ExitStatistics(
        name: "final", setting: nil, reached: atEnd, finished: atEnd, meanExcluded: 0,
        meanExcludedSoFar: Double(atEnd == 0 ? 0 : outcomes.filter { $0.exit == nil }.reduce(0) { $0 + (classCount - $1.remaining) })
          / Double(Swift.max(atEnd, 1))))
    exits = rows
  }
}

extension ExitScores {
  /// Replays `policy` on these logits and summarises it.
  public func evaluate(_ policy: ExitPolicy) throws -> ExitEvaluation {
    ExitEvaluation(
      policy: policy, outcomes: try replay(policy), labels: labels, exitNames: exitNames, classCount: classCount,
      originalMACs: originalMACs)
  }
}

extension MultiExitModel {
  /// Runs `infer` on `data` and summarises it.
  public func evaluate(
    _ data: Dataset, policy: ExitPolicy, batchSize: Int = 256, onBatch: ((Int, Int) throws -> Void)? = nil
  ) throws -> ExitEvaluation {
    ExitEvaluation(
      policy: policy, outcomes: try infer(data, policy: policy, batchSize: batchSize, onBatch: onBatch),
      labels: data.labels, exitNames: exitNames, classCount: classCount, originalMACs: backboneMACs)
  }
}
