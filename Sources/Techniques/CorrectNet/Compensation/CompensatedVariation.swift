import Hardware
import NeuralNetwork
import Tensor

/// Monte Carlo accuracy of a ``CompensatedNetwork`` under device variation.
///
/// Sample `i` of seed `s` draws exactly the weights ``MonteCarloVariation`` draws for sample `i`
/// of `s` (both read ``CrossbarNetwork/sampledWeights(_:seed:sample:)``), so a compensated and an
/// uncompensated evaluation with the same seed are paired, chip for chip. Converters are ideal
/// (CorrectNet's setting): the crossbar layers compute as one product each.
public struct CompensatedVariation: Sendable {
  /// The variation the samples are drawn from.
  public var variation: LogNormalVariation
  /// The number of Monte Carlo samples.
  public var samples: Int
  /// The seed of the draws.
  public var seed: UInt64
  /// Examples per inference batch.
  public var batchSize: Int

  /// Creates an evaluation, checking its settings.
  public init(variation: LogNormalVariation, samples: Int = 20, seed: UInt64 = 0, batchSize: Int = 1000) throws {
    guard samples >= 1 else {
      throw CorrectNetError(.invalidSetting, "a Monte Carlo evaluation needs at least one sample, got \(samples)")
    }
    guard batchSize >= 1 else { throw CorrectNetError(.invalidSetting, "the batch size must be positive, got \(batchSize)") }
    self.variation = variation
    self.samples = samples
    self.seed = seed
    self.batchSize = batchSize
  }

  /// The accuracy of `network` on `data` over the samples; `onSample` may throw to stop.
  public func accuracy(
    of network: CompensatedNetwork, on data: Dataset, hooks: [String: (Variable) throws -> Variable] = [:],
    onSample: ((TechniqueProgress) throws -> Void)? = nil
  ) throws -> VariationAccuracy {
    guard data.count > 0 else { throw CorrectNetError(.invalidData, "there are no examples to evaluate on") }
    let crossbar = try CrossbarNetwork(model: network.model)
    let batches = MonteCarloVariation.batches(of: data, size: batchSize)
    var accuracies = [Double]()
    accuracies.reserveCapacity(samples)
    for sample in 0..<samples {
      let weights = crossbar.sampledWeights(variation, seed: seed, sample: sample)
      let correct = try crossbar.withWeights(weights) {
        try batches.reduce(0) { total, batch in
          try total + MonteCarloVariation.correctCount(network(batch.inputs, hooks: hooks), labels: batch.labels)
        }
      }
      accuracies.append(Double(correct) / Double(data.count))
      try onSample?(TechniqueProgress(task: "Monte Carlo samples", done: sample + 1, total: samples))
    }
    return VariationAccuracy(accuracies: accuracies, variation: variation, exampleCount: data.count)
  }
}
