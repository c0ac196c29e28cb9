import Hardware
import NeuralNetwork
import Tensor
import Techniques
import Testing

@Suite("Crossbar converters in a network")
struct CrossbarConverterTests {
  @Test func fineConvertersAgreeWithTheFloatNetwork() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let float = try model.evaluate(on: test).accuracy
    let fine = AnalogFixtures.configuration(rows: 16, dacBits: 16, adcBits: 16)
    let result = try MonteCarloVariation(variation: .none, samples: 1, crossbar: fine, batchSize: 100).accuracy(of: model, on: test)
    #expect(abs(result.mean - float) <= 1.0 / 400)
  }

  @Test func coarseConvertersCostAccuracy() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let float = try model.evaluate(on: test).accuracy
    let coarse = AnalogFixtures.configuration(rows: 16, dacBits: 2, adcBits: 2)
    let result = try MonteCarloVariation(variation: .none, samples: 1, crossbar: coarse).accuracy(of: model, on: test)
    #expect(result.mean < float - 0.05, "float \(float), 2-bit converters \(result.mean)")
  }

  /// A residual network with projection and padded shortcuts, walked by the converter pass, matches the engine.
  @Test(arguments: [Architecture.ResNetShortcut.a, .b])
  func residualNetworksRunThroughTheConverterPass(shortcut: Architecture.ResNetShortcut) throws {
    let model = try Model(
      architecture: .resnet(depth: 8, width: 0.25, classes: 4, inputShape: [1, 8, 8], shortcut: shortcut), seed: 4)
    let data = AnalogFixtures.quadrants(count: 64, seed: 5)
    let float = try model.evaluate(on: data).accuracy
    let fine = AnalogFixtures.configuration(rows: 20, dacBits: 20, adcBits: 20)
    let result = try MonteCarloVariation(variation: .none, samples: 1, crossbar: fine).accuracy(of: model, on: data)
    #expect(abs(result.mean - float) <= 1.0 / 64)
  }

  @Test func levelsQuantiseTheWeights() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let network = try CrossbarNetwork(model: model, configuration: AnalogFixtures.configuration(levels: 3))
    // Three levels (g_min, the middle, g_max): each weight is 0, +-max|W| / 2 or +-max|W| of its layer.
    for (layer, weights) in zip(network.layers, network.nominalWeights) {
      let half = (weights.scalars.map(abs).max() ?? 0) / 2
      #expect(weights.scalars.allSatisfy { abs($0 / half - ($0 / half).rounded()) < 1e-4 }, "\(layer.path)")
      #expect(Set(weights.scalars.map { ($0 / half).rounded() }).isSubset(of: [-2, -1, 0, 1, 2]))
    }
    #expect(network.layers.map(\.path) == ["conv", "fc1", "fc2"])
    #expect(network.tileCount == 3)
    let accuracy = try MonteCarloVariation(variation: .none, samples: 1, crossbar: network.configuration).accuracy(of: model, on: test)
    let ternary = try network.withWeights(network.nominalWeights) { try model.evaluate(on: test).accuracy }
    #expect(accuracy.accuracies == [ternary])
  }
}
