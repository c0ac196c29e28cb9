import NeuralNetwork
import Tensor

/// Chooses the layers to compensate greedily, by accuracy gained per unit of overhead.
///
/// A stated deviation: CorrectNet chooses them by reinforcement learning. Here, starting from no
/// compensation, each step tries every remaining candidate: it trains units on the chosen layers
/// plus the candidate (fresh units, ``training``), measures Monte Carlo accuracy on the validation
/// data (``evaluation``), and scores the candidate by its gain over the current accuracy divided
/// by its overhead (the units' MACs as a fraction of the network's; weights with ``Cost/weights``).
/// The best-scoring candidate whose gain is at least ``minimumGain`` is kept. The search stops
/// after ``maximumLayers`` layers, when no candidate gains enough, or when accuracy reaches
/// ``targetFraction`` of the variation-free accuracy.
public struct CompensationSearch: Sendable {
  /// What overhead a gain is divided by.
  public enum Cost: String, Sendable, Equatable, CaseIterable {
    /// The units' MACs as a fraction of the network's.
    case macs
    /// The units' weights as a fraction of the network's.
    case weights
  }

  /// How each trial's units are trained.
  public var training: CompensationTraining
  /// How each trial is evaluated (on the validation data).
  public var evaluation: CompensatedVariation
  /// The layers that may be chosen, or nil for every convolution and linear layer.
  public var candidates: [String]?
  /// The most layers chosen.
  public var maximumLayers: Int
  /// The smallest accuracy gain (a fraction) that counts.
  public var minimumGain: Double
  /// Stop once accuracy reaches this fraction of the variation-free accuracy (nil: never).
  public var targetFraction: Double?
  /// The rank of every unit (nil: `⌈out / 8⌉`).
  public var rank: Int?
  /// The overhead gains are divided by.
  public var cost: Cost

  /// Creates a search, checking its settings.
  public init(
    training: CompensationTraining, evaluation: CompensatedVariation, candidates: [String]? = nil, maximumLayers: Int = 3,
    minimumGain: Double = 0.005, targetFraction: Double? = nil, rank: Int? = nil, cost: Cost = .macs
  ) throws {
    guard maximumLayers >= 1 else { throw CorrectNetError(.invalidSetting, "the search must allow at least one layer, got \(maximumLayers)") }
    guard minimumGain.isFinite, minimumGain >= 0 else {
      throw CorrectNetError(.invalidSetting, "the minimum gain must be a number >= 0, got \(minimumGain)")
    }
    if let targetFraction, !(targetFraction > 0 && targetFraction <= 1) {
      throw CorrectNetError(.invalidSetting, "the target fraction must be in (0, 1], got \(targetFraction)")
    }
    self.training = training
    self.evaluation = evaluation
    self.candidates = candidates
    self.maximumLayers = maximumLayers
    self.minimumGain = minimumGain
    self.targetFraction = targetFraction
    self.rank = rank
    self.cost = cost
  }

  /// Runs the search for `model`, training on `train` and scoring on `validation`.
  public func run(
    _ model: Model, train: Dataset, validation: Dataset, hooks: [String: (Variable) throws -> Variable] = [:],
    onProgress: ((TechniqueProgress) throws -> Void)? = nil
  ) throws -> CompensationSearchResult {
    let all = CompensatedNetwork.candidates(of: model)
    let pool = candidates ?? all
    _ = try CompensatedNetwork(model: model, layers: pool, rank: rank, seed: training.seed)  // checks the names
    let clean = try CompensatedVariation(variation: .none, samples: 1, seed: evaluation.seed, batchSize: evaluation.batchSize)
    let cleanAccuracy = try clean.accuracy(of: CompensatedNetwork(model: model, layers: []), on: validation, hooks: hooks).mean
    var network = try CompensatedNetwork(model: model, layers: [])
    var current = try evaluation.accuracy(of: network, on: validation, hooks: hooks).mean
    let baseline = current
    var chosen = [String]()
    var steps = [CompensationSearchStep]()
    var stopReason = "every candidate was chosen"
    let maxTrials = (0..<Swift.min(maximumLayers, pool.count)).reduce(0) { $0 + pool.count - $1 }
    var trials = 0
    step: while chosen.count < maximumLayers {
      if let targetFraction, current >= targetFraction * cleanAccuracy {
        stopReason = "accuracy reached \(Int((targetFraction * 100).rounded()))% of the variation-free accuracy"
        break
      }
      let remaining = pool.filter { !chosen.contains($0) }
      guard !remaining.isEmpty else { break }
      var trialsOfStep = [(step: CompensationSearchStep, network: CompensatedNetwork)]()
      for layer in remaining {
        let layers = all.filter { chosen.contains($0) || $0 == layer }
        let trial = try CompensatedNetwork(model: model, layers: layers, rank: rank, seed: training.seed)
        let task = "greedy search, step \(chosen.count + 1): \(layer)"
        // Reports once per batch so that a caller can stop a long search inside a trial.
        try training.run(trial, on: train, hooks: hooks) { _ in
          try onProgress?(TechniqueProgress(task: task, done: trials, total: maxTrials))
        }
        let accuracy = try evaluation.accuracy(of: trial, on: validation, hooks: hooks).mean
        let before = network.overhead
        let after = trial.overhead
        let added = cost == .macs ? after.macFraction - before.macFraction : after.weightFraction - before.weightFraction
        let gain = accuracy - current
        trialsOfStep.append(
          (
            CompensationSearchStep(
              step: chosen.count + 1, layer: layer, accuracy: accuracy, gain: gain, addedOverhead: added,
              score: gain / Swift.max(added, 1e-12), chosen: false), trial
          ))
        trials += 1
        try onProgress?(TechniqueProgress(task: task, done: trials, total: maxTrials))
      }
      let eligible = trialsOfStep.indices.filter { trialsOfStep[$0].step.gain >= minimumGain }
      guard let best = eligible.max(by: { trialsOfStep[$0].step.score < trialsOfStep[$1].step.score }) else {
        steps += trialsOfStep.map(\.step)
        stopReason = "no remaining layer gained at least \(minimumGain * 100) points"
        break step
      }
      trialsOfStep[best].step.chosen = true
      steps += trialsOfStep.map(\.step)
      chosen.append(trialsOfStep[best].step.layer)
      current = trialsOfStep[best].step.accuracy
      network = trialsOfStep[best].network
      if chosen.count == maximumLayers { stopReason = "the most layers (\(maximumLayers)) were chosen" }
    }
    return CompensationSearchResult(
      steps: steps, chosen: chosen, network: network, baselineAccuracy: baseline, finalAccuracy: current,
      cleanAccuracy: cleanAccuracy, stopReason: stopReason)
  }
}

/// One trial of the greedy search: a candidate layer added to those chosen so far.
public struct CompensationSearchStep: Equatable, Sendable {
  /// The step, from 1 (the number of layers compensated in the trial).
  public var step: Int
  /// The candidate tried.
  public var layer: String
  /// Validation accuracy under variation with it (Monte Carlo mean).
  public var accuracy: Double
  /// Accuracy over the step's starting point.
  public var gain: Double
  /// The overhead it adds (fraction of the network's MACs or weights).
  public var addedOverhead: Double
  /// `gain / addedOverhead`.
  public var score: Double
  /// Whether it was kept.
  public var chosen: Bool
}

/// What the greedy search found.
public struct CompensationSearchResult {
  /// Every trial, step by step.
  public var steps: [CompensationSearchStep]
  /// The layers chosen, in the order they were.
  public var chosen: [String]
  /// The network with trained units on the chosen layers.
  public var network: CompensatedNetwork
  /// Validation accuracy under variation without compensation.
  public var baselineAccuracy: Double
  /// Validation accuracy under variation with the chosen layers compensated.
  public var finalAccuracy: Double
  /// Variation-free validation accuracy.
  public var cleanAccuracy: Double
  /// Why the search stopped, in words.
  public var stopReason: String
}
