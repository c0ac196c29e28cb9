import Hardware
import NeuralNetwork
import Tensor
import Testing
@testable import Techniques

@Suite(.enabled(if: FashionMNIST.isAvailable(), "Fashion-MNIST is not installed"))
struct LogicTrainingTests {
  static func data() throws -> DatasetSplits {
    let splits = try FashionMNIST.load(
      train: 600, test: 200, seed: 3, preprocessing: Preprocessing(downsampleToSide: 7, flatten: true))
    return DatasetSplits(
      train: try LogicNetworkTraining.quantizedInputs(splits.train, bits: 2),
      test: try LogicNetworkTraining.quantizedInputs(splits.test, bits: 2))
  }

  static let settings = LogicTrainingSettings(hidden: [16], epochs: 2, quantizedEpochs: 1, seed: 4)

  @Test func theIntegerNetworkComputesWhatTheQuantisedModelDoes() throws {
    let data = try Self.data()
    let float = try LogicNetworkTraining.trainFloat(train: data.train, settings: Self.settings)
    let trained = try LogicNetworkTraining.quantize(float, train: data.train, settings: Self.settings)
    let context = ForwardContext(training: false)
    context.hooks = trained.activations.hooks()
    context.taps = ["relu1"]
    let logits = try trained.model.forward(Variable(data.test.inputs), context: context).value.scalars
    let hidden = try #require(context.activations["relu1"]).value.scalars
    let scale = try #require(trained.activations.scales["relu1"])
    let inputs = try IntegerNetwork.inputLevels(data.test.inputs, bits: 2)
    let fc2 = try #require(trained.model.layer("fc2") as? Linear).weight.value.scalars
    let step = Double(fc2.map { abs($0) }.max() ?? 1) / 7 * Double(scale)
    for n in 0..<200 {
      let trace = trained.network.trace(inputs[n])
      // The hidden activations are exactly the model's quantised activations.
      #expect(trace[0] == (0..<16).map { Int((hidden[n * 16 + $0] / scale).rounded()) }, "sample \(n)")
      // Each output sum is the model's logit in steps of s_w s_in, up to the rounded bias.
      for c in 0..<10 {
        #expect(abs(Double(logits[n * 10 + c]) - step * Double(trace[1][c])) <= step / 2 + 1e-4, "sample \(n) class \(c)")
      }
    }
    let integerClasses = trained.network.classify(inputs)
    let accuracy = try LogicNetworkTraining.accuracy(trained.network, on: data.test)
    #expect(accuracy > 0.25, "integer network accuracy \(accuracy)")
    // The circuit computes the integer network bit for bit on every test sample.
    let circuit = NetworkCircuits.network(trained.network, style: .embedded)
    #expect(try NetworkCircuits.classify(circuit, network: trained.network, samples: inputs) == integerClasses)
  }

  @Test func aFloatModelOrAConvolutionCannotBecomeLogic() throws {
    let data = try Self.data()
    let float = try LogicNetworkTraining.trainFloat(train: data.train, settings: Self.settings)
    let activations = UnsignedActivationQuantization(bits: 2, scales: ["relu1": 0.5])
    let quantizer = try Quantizer(bits: 4)
    do {
      _ = try IntegerNetwork(model: float, quantizer: quantizer, activations: activations, inputBits: 2)
      Issue.record("a float model became logic")
    } catch let error as LogicDesignError {
      #expect(error.message.contains("model is not quantised: layer 'fc1' weight"))
    }
    let lenet = try Model.lenet5(inputShape: [1, 28, 28])
    do {
      _ = try IntegerNetwork(model: lenet, quantizer: quantizer, activations: activations, inputBits: 2)
      Issue.record("a convolution became logic")
    } catch let error as LogicDesignError {
      #expect(error.message.contains("(Conv2d) cannot become logic"))
    }
  }

  @Test func restrictedTrainingUsesOnlyTheCheapestValues() throws {
    let data = try Self.data()
    let table = try MultiplierCostTable.build(activationBits: 2, weightBits: 4, library: .cmos45nm)
    #expect(table.entries.count == 16)
    #expect(table.ranking.first == 0, "weight 0 needs no logic at all")
    #expect(table.area(of: 0) == 0 && table.area(of: 7) > table.area(of: 1))
    let float = try LogicNetworkTraining.trainFloat(train: data.train, settings: Self.settings)
    let unrestricted = try LogicNetworkTraining.quantize(float, train: data.train, settings: Self.settings)
    let steps = try RestrictedWeightSearch.search(
      floatModel: float, train: data.train, validation: data.test, settings: Self.settings, table: table,
      activations: unrestricted.activations, reference: 1.0, tolerance: 0, start: 3)
    // A reference of 100% is never reached: every n from 3 to 16 is tried.
    #expect(steps.map(\.n) == Array(3...16))
    for step in steps {
      let used = Set(step.trained.network.layers.flatMap { $0.weights.joined() })
      #expect(used.isSubset(of: Set(step.levels)), "n = \(step.n) uses \(used.sorted()), allowed \(step.levels)")
    }
    #expect(steps[0].multiplierArea < steps[steps.count - 1].multiplierArea)
  }
}

@Suite struct NetworkCostTests {
  @Test func pipeliningShortensTheClockAndAddsRegisters() throws {
    let network = try randomIntegerNetwork(sizes: [16, 12, 8, 4], weightBits: 4, seed: 31)
    let samples = randomSamples(200, features: 16, bits: 2, seed: 32)
    let costs = try NetworkCostModel.measure(network, style: .embedded, samples: samples, library: .cmos45nm)
    let whole = costs.combinational(), layers = costs.layerPipeline()
    #expect(whole.stages == 1 && layers.stages == 3)
    #expect(whole.registers == 16 * 2 + 2)
    #expect(layers.registers == whole.registers + 12 * 2 + 8 * 2)
    #expect(layers.clockPeriod < whole.clockPeriod)
    #expect(whole.energyPerSample > 0 && whole.power > 0)
    // Glitches cost energy: the event-driven count is at least the final-value count.
    #expect(costs.whole.energyPerOperation >= costs.whole.glitchFreeEnergyPerOperation)
    let one = try PipelineCut.cut(costs.layers[0], stages: 1)
    #expect(one.registers == 0 && abs(one.stageDelay - costs.layers[0].criticalDelay) < 1e-15)
    let three = try PipelineCut.cut(costs.layers[0], stages: 3)
    #expect(three.registers > 0 && three.stageDelay < one.stageDelay)
    let target = layers.clockPeriod * 0.6
    let balanced = try costs.balanced(period: target)
    #expect(balanced.met && balanced.clockPeriod <= target + 1e-15)
    #expect(balanced.stages > layers.stages && balanced.registers > layers.registers)
    #expect(throws: LogicDesignError.self) { try costs.balanced(period: costs.register.overhead / 2) }
    let generic = try NetworkCostModel.measure(network, style: .generic, samples: samples, library: .cmos45nm)
    #expect(generic.combinational().logicTransistors > 2 * whole.logicTransistors)
  }
}
