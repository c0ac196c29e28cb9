import Tensor
import Testing
@testable import NeuralNetwork

@Suite("Quantisation of models")
struct ModelQuantizationTests {
  static func blobs() throws -> Dataset {
    try SyntheticData.blobs(classes: 3, dimensions: 4, perClass: 60, spread: 0.6, centerRange: 4, seed: 3)
  }

  /// Whether every value of `tensor` is an allowed level of `quantizer` times the scale of its channel.
  static func onGrid(_ tensor: Tensor, _ quantizer: Quantizer, scales: [Float]) throws -> Bool {
    let (channels, inner) = try quantizer.channelLayout(of: tensor.shape)
    let allowed = Set(quantizer.allowedLevels ?? Array(-quantizer.maxLevel...quantizer.maxLevel))
    return tensor.scalars.enumerated().allSatisfy { i, x in
      let level = x / scales[channels == 1 ? 0 : (i / inner) % channels]
      return abs(level - level.rounded()) < 1e-3 && allowed.contains(Int(level.rounded()))
    }
  }

  @Test("multiplier weights export as integers and quantise in place")
  func weights() throws {
    let model = try Model.lenet5(classes: 10, inputShape: [1, 28, 28], seed: 2)
    let quantizer = try Quantizer(bits: 8, granularity: .perChannel(axis: 0))
    let exported = try model.quantizedWeights(quantizer)
    #expect(exported.map(\.name) == ["conv1.weight", "conv2.weight", "fc1.weight", "fc2.weight", "fc3.weight"])
    #expect(exported[0].tensor.scales.count == 6 && exported[0].tensor.shape == [6, 1, 5, 5])
    #expect(exported.allSatisfy { $0.tensor.levels.allSatisfy { abs($0) <= 127 } })
    try model.quantizeWeights(quantizer)
    for ((_, parameter), (_, q)) in zip(model.multiplierWeights, exported) {
      #expect(parameter.value.scalars == q.dequantized().scalars)
    }
  }

  @Test("calibrated activation quantisation: fixed scales, outputs on the grid, integer export")
  func activations() throws {
    let data = try Self.blobs()
    let model = try Model.mlp(sizes: [4, 16, 16, 3], seed: 1)
    let quantizer = try Quantizer(bits: 8)
    let layers = ActivationQuantization.defaultLayers(of: model)
    #expect(layers == ["relu1", "relu2"])
    let quantization = try ActivationQuantization.calibrated(
      quantizer: quantizer, layers: layers, model: model, inputs: data.inputs, batchSize: 50)
    // The calibrated scale is the largest ReLU output over all batches / 127.
    let context = ForwardContext(training: false)
    context.taps = ["relu1"]
    _ = try model.forward(Variable(data.inputs), context: context)
    let peak = context.activations["relu1"]!.value.scalars.max()!
    #expect(abs(quantization.scales["relu1"]![0] - peak / 127) < 1e-7)

    let exported = try model.quantizedActivations(for: data.subset(Array(0..<20)).inputs, quantization: quantization)
    #expect(exported.map(\.name) == ["relu1", "relu2"])
    #expect(exported[0].tensor.shape == [20, 16])
    #expect(exported.allSatisfy { $0.tensor.levels.allSatisfy { $0 >= 0 && $0 <= 127 } })
    #expect(exported[0].tensor.scales == quantization.scales["relu1"])
    // The quantised network still classifies like the float one on most examples.
    let hooked = ForwardContext(training: false)
    quantization.install(in: hooked)
    let quantizedLogits = try model.forward(Variable(data.inputs), context: hooked).value
    let floatLogits = try model(data.inputs)
    let agree = zip(quantizedLogits.argmax(alongAxis: 1), floatLogits.argmax(alongAxis: 1)).filter { $0 == $1 }.count
    #expect(agree >= data.count * 95 / 100)
  }

  @Test("projection after each optimiser step keeps trained weights on the allowed set")
  func projectionDuringTraining() throws {
    let data = try Self.blobs()
    let model = try Model.mlp(sizes: [4, 16, 3], seed: 4)
    let quantizer = try Quantizer(bits: 8, allowedLevels: [-127, -64, -32, -16, -8, 0, 8, 16, 32, 64, 127])
    let projection = try WeightProjection(quantizer: quantizer, model: model)
    var configuration = TrainingConfiguration(epochs: 5, batchSize: 30, optimizer: .sgd(learningRate: 0.05, momentum: 0.9), seed: 1)
    try projection.install(in: &configuration)
    try model.train(on: data, configuration: configuration)
    for (target, exported) in zip(projection.targets, try projection.export()) {
      #expect(try Self.onGrid(target.parameter.value, quantizer, scales: target.scales))
      #expect(Set(exported.levels).isSubset(of: Set(quantizer.allowedLevels!)))
    }
    // Eleven weight values still separate the blobs (the float network reaches 100% here).
    #expect(try model.evaluate(on: data).accuracy > 0.95)
  }

  @Test("quantisation-aware training applies the gradient at the quantised weights to the float masters")
  func straightThroughTraining() throws {
    let data = try Self.blobs()
    let model = try Model.mlp(sizes: [4, 8, 3], seed: 5)
    let quantizer = try Quantizer(bits: 3, granularity: .perChannel(axis: 0))
    let before = model.namedParameters.map { ($0.name, $0.parameter.value) }

    // The expected step: the gradient of the loss at the quantised weights, by hand.
    let reference = try model.copy()
    try reference.quantizeWeights(quantizer)
    let tape = Tape()
    let logits = try reference.forward(Variable(data.inputs), context: ForwardContext(training: true, tape: tape))
    tape.backward(try logits.crossEntropy(labels: data.labels))
    let gradients = reference.namedParameters.map { $0.parameter.gradient! }

    let qat = QuantizationAwareTraining(model: model, quantizer: quantizer)
    var configuration = TrainingConfiguration(
      epochs: 1, batchSize: data.count, optimizer: .sgd(learningRate: 0.1), shuffle: false)
    try qat.install(in: &configuration)
    try model.train(on: data, configuration: configuration)

    #expect(qat.holdsQuantizedWeights)
    let masters = Dictionary(uniqueKeysWithValues: qat.masterWeights.map { ($0.name, $0.tensor) })
    for ((name, start), gradient) in zip(before, gradients) {
      let after = masters[name] ?? model.namedParameters.first { $0.name == name }!.parameter.value
      let expected = zip(start.scalars, gradient.scalars).map { $0 - 0.1 * $1 }
      #expect(zip(after.scalars, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "\(name)")
    }
    // The model itself holds the quantised masters.
    for (name, parameter) in model.multiplierWeights {
      #expect(parameter.value.scalars == (try quantizer.fakeQuantize(masters[name]!)).scalars)
    }
    qat.restoreMasterWeights()
    #expect(model.multiplierWeights[0].parameter.value.scalars == masters["fc1.weight"]!.scalars)
  }

  @Test("3-bit quantisation-aware training with 4-bit activations learns the blobs")
  func trainsQuantized() throws {
    let data = try Self.blobs()
    let model = try Model.mlp(sizes: [4, 16, 3], seed: 6)
    var configuration = TrainingConfiguration(epochs: 5, batchSize: 30, optimizer: .sgd(learningRate: 0.05, momentum: 0.9), seed: 2)
    try QuantizationAwareTraining(model: model, quantizer: Quantizer(bits: 3)).install(in: &configuration)
    ActivationQuantization(quantizer: try Quantizer(bits: 4), layers: ["relu1"]).install(in: &configuration)
    let history = try model.train(on: data, configuration: configuration)
    // Measured during the last epoch, with quantised weights and activations (the float network reaches 100%).
    #expect(history.epochs.last!.trainAccuracy > 0.95)
    let q = try Quantizer(bits: 3)
    for (_, parameter) in model.multiplierWeights {
      #expect(try Self.onGrid(parameter.value, q, scales: q.scales(for: parameter.value)))
    }
  }
}
