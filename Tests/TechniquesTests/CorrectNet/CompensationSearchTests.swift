import Hardware
import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

@Suite("CorrectNet: greedy layer selection")
struct CompensationSearchTests {
  @Test func searchRecordsEveryTrialAndKeepsOnePerStep() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let variation = AnalogFixtures.variation(0.8)
    let search = try CompensationSearch(
      training: CompensationTraining(variation: variation, epochs: 2, batchSize: 32, learningRate: 0.01, seed: 3),
      evaluation: CompensatedVariation(variation: variation, samples: 4, seed: 9), maximumLayers: 2, minimumGain: 0)
    var finished = 0
    let result = try search.run(model, train: AnalogFixtures.quadrants(count: 200, seed: 4), validation: test) {
      finished = Swift.max(finished, $0.done)
    }
    #expect(result.steps.count == finished)
    #expect(result.steps.prefix(3).map(\.layer) == ["conv", "fc1", "fc2"])
    for step in 1...result.chosen.count {
      #expect(result.steps.filter { $0.step == step && $0.chosen }.count == 1)
    }
    #expect(result.network.layers.sorted() == result.chosen.sorted())
    #expect(result.chosen.count <= 2)
    #expect(result.finalAccuracy >= result.baselineAccuracy)
    for step in result.steps { #expect(step.addedOverhead > 0) }
  }

  @Test func searchRefusesUnknownCandidatesAndBadSettings() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let variation = AnalogFixtures.variation(0.3)
    let training = try CompensationTraining(variation: variation)
    let evaluation = try CompensatedVariation(variation: variation, samples: 1)
    let search = try CompensationSearch(training: training, evaluation: evaluation, candidates: ["conv", "fc9"])
    #expect(throws: CorrectNetError.self) { try search.run(model, train: test, validation: test) }
    #expect(throws: CorrectNetError.self) { try CompensationSearch(training: training, evaluation: evaluation, maximumLayers: 0) }
    #expect(throws: CorrectNetError.self) { try CompensationSearch(training: training, evaluation: evaluation, targetFraction: 1.5) }
  }
}
