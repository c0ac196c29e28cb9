import Hardware
import NeuralNetwork
import Tensor
import Techniques
import Testing

@Suite("Monte Carlo variation")
struct MonteCarloVariationTests {
  @Test func zeroSigmaWithoutConvertersReproducesTheFloatNetwork() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let network = try CrossbarNetwork(model: model)
    let reference = try model(test.inputs)
    let onCrossbar = try network.withWeights(network.sampledWeights(AnalogFixtures.variation(0), seed: 1, sample: 0)) {
      try model(test.inputs)
    }
    #expect(AnalogFixtures.maximumDifference(reference, onCrossbar) < 1e-4)
    let result = try MonteCarloVariation(variation: AnalogFixtures.variation(0), samples: 3, batchSize: 64)
      .accuracy(of: model, on: test)
    let float = try model.evaluate(on: test).accuracy
    #expect(result.accuracies == [float, float, float])
    #expect(result.standardDeviation == 0 && result.minimum == float && result.maximum == float)
    #expect(float > 0.9)
  }

  @Test func theModelKeepsItsWeights() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let before = model.namedParameters.map(\.parameter.value)
    _ = try MonteCarloVariation(variation: AnalogFixtures.variation(0.5), samples: 2).accuracy(of: model, on: test)
    #expect(model.namedParameters.map(\.parameter.value) == before)
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try MonteCarloVariation(variation: AnalogFixtures.variation(0.5), samples: 5).accuracy(of: model, on: test) { _ in
        throw Stop()
      }
    }
    #expect(model.namedParameters.map(\.parameter.value) == before)
  }

  @Test func theSameSeedGivesTheSameSamples() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    func run(seed: UInt64, model variationModel: VariationModel) throws -> [Double] {
      try MonteCarloVariation(variation: AnalogFixtures.variation(0.8, model: variationModel), samples: 6, seed: seed)
        .accuracy(of: model, on: test).accuracies
    }
    for variationModel in VariationModel.allCases {
      #expect(try run(seed: 7, model: variationModel) == run(seed: 7, model: variationModel))
      #expect(try run(seed: 7, model: variationModel) != run(seed: 8, model: variationModel))
    }
    // Sample k does not depend on the samples before it.
    let network = try CrossbarNetwork(model: model)
    let variation = AnalogFixtures.variation(0.3)
    #expect(network.sampledWeights(variation, seed: 1, sample: 4) == network.sampledWeights(variation, seed: 1, sample: 4))
    #expect(network.sampledWeights(variation, seed: 1, sample: 4) != network.sampledWeights(variation, seed: 1, sample: 5))
  }

  @Test func accuracyFallsAsSigmaGrows() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let sigmas = [0, 0.3, 0.6, 1.0, 1.5]
    let means = try sigmas.map { sigma in
      try MonteCarloVariation(variation: AnalogFixtures.variation(sigma), samples: 12, seed: 3).accuracy(of: model, on: test).mean
    }
    print("accuracy by sigma \(sigmas): \(means)")
    // Monotone on average (a sampling margin of one percentage point), and a clear fall overall.
    for (a, b) in zip(means, means.dropFirst()) { #expect(b <= a + 0.01, "means \(means)") }
    #expect(means.last! < means.first! - 0.15, "means \(means)")
  }

  @Test func progressIsReportedOncePerSample() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    var seen = [VariationProgress]()
    let result = try MonteCarloVariation(variation: AnalogFixtures.variation(0.4), samples: 4).accuracy(of: model, on: test) {
      seen.append($0)
    }
    #expect(seen.map(\.done) == [1, 2, 3, 4])
    #expect(seen.allSatisfy { $0.total == 4 })
    #expect(seen.map(\.accuracy) == result.accuracies)
    #expect(result.exampleCount == 400)
  }

  /// Hooks (fake-quantised activations, say) run in every pass, with and without converters.
  @Test func forwardHooksAreInstalled() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    // Zero logits: every example is classified as class 0, a quarter of the balanced set.
    let hooks: [String: (Variable) throws -> Variable] = ["fc2": { $0 * 0 }]
    for crossbar in [AnalogFixtures.configuration(), AnalogFixtures.configuration(adcBits: 8)] {
      let result = try MonteCarloVariation(variation: AnalogFixtures.variation(0.1), samples: 2, crossbar: crossbar)
        .accuracy(of: model, on: test, hooks: hooks)
      #expect(result.accuracies == [0.25, 0.25])
    }
  }

  @Test func statisticsOfTheSamples() {
    let result = VariationAccuracy(accuracies: [0.5, 0.7, 0.9], variation: AnalogFixtures.variation(0.1), exampleCount: 10)
    #expect(abs(result.mean - 0.7) < 1e-12)
    #expect(abs(result.standardDeviation - 0.2) < 1e-12)
    #expect(result.minimum == 0.5 && result.maximum == 0.9)
  }

  @Test func rejectsBadSettingsAndData() throws {
    #expect(throws: AnalogEvaluationError.self) { try MonteCarloVariation(variation: .none, samples: 0) }
    #expect(throws: AnalogEvaluationError.self) { try MonteCarloVariation(variation: .none, batchSize: 0) }
    let model = try AnalogFixtures.smallNetwork()
    let empty = AnalogFixtures.quadrants(count: 0, seed: 1)
    #expect(throws: AnalogEvaluationError.self) { try MonteCarloVariation(variation: .none).accuracy(of: model, on: empty) }
    let pool = try Model(
      architecture: Architecture(name: "p", inputShape: [1, 4, 4], layers: [.flatten(name: "f")]))
    #expect(throws: AnalogEvaluationError.self) { try CrossbarNetwork(model: pool) }
  }
}
