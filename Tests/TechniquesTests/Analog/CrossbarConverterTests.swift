import Hardware
import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

@Suite("Crossbar converters in a network")
struct CrossbarConverterTests {
  /// The logits of the tile-by-tile pass (calibrated on `inputs`, then converted) and of the
  /// engine's own forward pass, for the same inputs.
  static func logits(_ model: Model, _ inputs: Tensor, _ configuration: CrossbarConfiguration) throws -> (crossbar: Tensor, float: Tensor) {
    let network = try CrossbarNetwork(model: model, configuration: configuration)
    let pass = CrossbarForward(network: network)
    let crossbar = try network.withWeights(network.nominalWeights) {
      _ = try pass(inputs, mode: .calibrate)
      let converters = try pass.calibrations.map { try $0.converters(for: configuration) }
      return try pass(inputs, mode: .convert(converters))
    }
    let float = try model.forward(Variable(inputs), context: ForwardContext(training: false)).value
    return (crossbar, float)
  }

  /// The largest difference of two equally shaped tensors, relative to the largest magnitude of `reference`.
  static func relativeError(_ a: Tensor, _ reference: Tensor) -> Float {
    let scale = reference.scalars.map(abs).max() ?? 0
    return zip(a.scalars, reference.scalars).map { abs($0 - $1) }.max().map { $0 / Swift.max(scale, 1e-12) } ?? .infinity
  }

  /// 16-bit converters: every logit within 0.1% of the logits' scale of the float network's,
  /// and 4-bit converters are further off (the comparison can tell converters apart).
  @Test func fineConvertersAgreeWithTheFloatNetwork() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let inputs = test.inputs.split(alongAxis: 0, sizes: [100, test.count - 100])[0]
    let fine = try Self.logits(model, inputs, AnalogFixtures.configuration(rows: 16, dacBits: 16, adcBits: 16))
    #expect(fine.crossbar.shape == [100, 4] && fine.float.shape == [100, 4])
    let fineError = Self.relativeError(fine.crossbar, fine.float)
    #expect(fineError < 1e-3, "16-bit converters: \(fineError)")
    let coarse = try Self.logits(model, inputs, AnalogFixtures.configuration(rows: 16, dacBits: 4, adcBits: 4))
    let coarseError = Self.relativeError(coarse.crossbar, coarse.float)
    #expect(coarseError > 10 * fineError, "4-bit \(coarseError), 16-bit \(fineError)")
  }

  @Test func coarseConvertersCostAccuracy() throws {
    let (model, test) = try AnalogFixtures.trainedNetwork()
    let float = try model.evaluate(on: test).accuracy
    let coarse = AnalogFixtures.configuration(rows: 16, dacBits: 2, adcBits: 2)
    let result = try MonteCarloVariation(variation: .none, samples: 1, crossbar: coarse).accuracy(of: model, on: test)
    #expect(result.mean < float - 0.05, "float \(float), 2-bit converters \(result.mean)")
  }

  /// A residual network with projection and padded shortcuts, walked by the converter pass,
  /// gives the engine's logits (untrained, so outputs are compared, not accuracies).
  @Test(arguments: [Architecture.ResNetShortcut.a, .b])
  func residualNetworksRunThroughTheConverterPass(shortcut: Architecture.ResNetShortcut) throws {
    let model = try Model(
      architecture: .resnet(depth: 8, width: 0.25, classes: 4, inputShape: [1, 8, 8], shortcut: shortcut), seed: 4)
    let data = AnalogFixtures.quadrants(count: 64, seed: 5)
    let (crossbar, float) = try Self.logits(model, data.inputs, AnalogFixtures.configuration(rows: 20, dacBits: 20, adcBits: 20))
    #expect(crossbar.shape == [64, 4])
    #expect(Self.relativeError(crossbar, float) < 1e-4)
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
