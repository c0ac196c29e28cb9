import Hardware
import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

/// The mean squared difference of two logit tensors.
private func meanSquaredDifference(_ a: Tensor, _ b: Tensor) -> Double {
  zip(a.scalars, b.scalars).reduce(0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(Swift.max(a.count, 1))
}

@Suite("CorrectNet: error compensation")
struct CompensationTests {
  @Test func overheadIsCountedByHand() throws {
    let model = try AnalogFixtures.smallNetwork()
    let network = try CompensatedNetwork(model: model, layers: ["conv", "fc1"], rank: 1)
    // conv 1 → 4, 3×3, padding 1, output 4×8×8: generator 1·1·3·3 = 9, compensator 4·1 = 4, bias 4.
    // fc1 64 → 16: generator 1·64, compensator 16·1, bias 16.
    #expect(network.units.map(\.weightCount) == [17, 96])
    #expect(network.units.map(\.macs) == [64 * 13, 80])
    #expect(network.overhead.weights == 113)
    #expect(network.overhead.networkWeights == model.parameterCount)
    #expect(network.overhead.macFraction == Double(64 * 13 + 80) / Double(model.macs))
    // Default rank ⌈out / 8⌉: 1 for conv (4 outputs), 2 for fc1 (16 outputs).
    #expect(try CompensatedNetwork(model: model, layers: ["conv", "fc1"]).units.map(\.rank) == [1, 2])
  }

  @Test func anUntrainedUnitLeavesTheNetworkUnchanged() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let network = try CompensatedNetwork(model: model, layers: ["conv", "fc1", "fc2"], seed: 3)
    #expect(try network(test.inputs) == model(test.inputs))
  }

  @Test func unknownLayersAreRefusedWithTheCandidates() throws {
    let model = try AnalogFixtures.smallNetwork()
    do {
      _ = try CompensatedNetwork(model: model, layers: ["fc3"])
      Issue.record("no error")
    } catch let error as CorrectNetError {
      #expect(error.kind == .unknownLayer)
      #expect(error.message == "layer 'fc3' does not exist in model 'small'; layers that can be compensated: conv, fc1, fc2")
      #expect(error.candidates == ["conv", "fc1", "fc2"])
    }
    #expect(throws: CorrectNetError.self) { try CompensatedNetwork(model: model, layers: ["relu1"]) }
    #expect(throws: CorrectNetError.self) { try CompensatedNetwork(model: model, layers: ["fc1", "fc1"]) }
    #expect(throws: CorrectNetError.self) { try CompensatedNetwork(model: model, layers: ["fc1"], rank: 0) }
  }

  @Test(arguments: [CompensationTraining.Objective.nominal, .labels])
  func aCompensatedLayerUnderAFixedSampleComesCloserToTheVariationFreeOutput(_ objective: CompensationTraining.Objective)
    throws
  {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let train = AnalogFixtures.quadrants(count: 400, seed: 4)
    let variation = AnalogFixtures.variation(0.5)
    let before = model.parameters.map(\.value)
    let network = try CompensatedNetwork(model: model, layers: ["fc1"], rank: 4, seed: 1)
    let training = try CompensationTraining(
      variation: variation, epochs: 8, batchSize: 32, learningRate: 0.01, seed: 6, objective: objective, fixedSample: 0)
    let losses = try training.run(network, on: train)
    #expect(losses.count == 8)
    // The base weights are as programmed.
    #expect(model.parameters.map(\.value) == before)
    let nominal = try model(test.inputs)
    let crossbar = try CrossbarNetwork(model: model)
    let weights = crossbar.sampledWeights(variation, seed: 6 ^ CompensationTraining.drawSalt, sample: 0)
    let (uncompensated, compensated) = try crossbar.withWeights(weights) { (try model(test.inputs), try network(test.inputs)) }
    let errorWithout = meanSquaredDifference(uncompensated, nominal)
    let errorWith = meanSquaredDifference(compensated, nominal)
    #expect(errorWithout > 0)
    #expect(errorWith < errorWithout, "with \(errorWith), without \(errorWithout)")
  }

  @Test func freshDrawsImproveAccuracyOnUnseenDraws() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let variation = AnalogFixtures.variation(0.8)
    let evaluation = try CompensatedVariation(variation: variation, samples: 10, seed: 11)
    let plain = try evaluation.accuracy(of: CompensatedNetwork(model: model, layers: []), on: test)
    // Paired with the crossbar Monte Carlo: the same seed draws the same chips.
    let reference = try MonteCarloVariation(variation: variation, samples: 10, seed: 11).accuracy(of: model, on: test)
    #expect(plain.accuracies == reference.accuracies)
    let network = try CompensatedNetwork(model: model, layers: ["conv", "fc1", "fc2"], rank: 4, seed: 1)
    try CompensationTraining(variation: variation, epochs: 6, batchSize: 32, learningRate: 0.01, seed: 3)
      .run(network, on: AnalogFixtures.quadrants(count: 400, seed: 4))
    let compensated = try evaluation.accuracy(of: network, on: test)
    #expect(compensated.mean >= plain.mean, "compensated \(compensated.mean), plain \(plain.mean)")
  }

  @Test func trainingAndEvaluationSettingsAreChecked() {
    let variation = AnalogFixtures.variation(0.2)
    #expect(throws: CorrectNetError.self) { try CompensationTraining(variation: variation, epochs: 0) }
    #expect(throws: CorrectNetError.self) { try CompensationTraining(variation: variation, learningRate: -1) }
    #expect(throws: CorrectNetError.self) { try CompensatedVariation(variation: variation, samples: 0) }
  }
}
