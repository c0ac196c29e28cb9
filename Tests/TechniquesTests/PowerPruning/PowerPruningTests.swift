import Hardware
import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

/// The OSU 0.18 µm MAC every test uses (mapped once).
private let osuMAC: MappedNetlist? = {
  guard let library = try? CellLibrary.named("osu018") else { return nil }
  return try? Generators.mac(MACConfiguration()).technologyMapped(to: library)
}()

/// A LeNet-5 quantised to 8 bits on a few images of seeded noise in [0, 1].
private func quantizedLeNet(images: Int = 3, seed: UInt64 = 1) throws -> (QuantizedNetwork, Tensor) {
  var random = SplitMix64(seed: seed)
  let count = images * 28 * 28
  let pixels = (0..<count).map { _ in Float(random.next() % 1000) / 999 }
  let inputs = Tensor(shape: [images, 1, 28, 28], scalars: pixels)
  let model = try Model.lenet5(seed: seed)
  return (try QuantizedNetwork.quantize(model, bits: 8, calibration: inputs), inputs)
}

/// Ten images of two classes of seeded noise, for retraining.
private func tinyData(seed: UInt64 = 2) -> Dataset {
  var random = SplitMix64(seed: seed)
  let n = 40
  var pixels: [Float] = []
  var labels: [Int] = []
  for i in 0..<n {
    let label = i % 2
    labels.append(label)
    for p in 0..<(28 * 28) {
      let base: Float = (label == 0) == (p < 392) ? 0.8 : 0.1
      pixels.append(base + Float(random.next() % 100) / 1000)
    }
  }
  return Dataset(inputs: Tensor(shape: [n, 1, 28, 28], scalars: pixels), labels: labels, classCount: 10)
}

@Suite("PowerPruning")
struct PowerPruningTests {
  @Test func multiplierLayersFollowTheForwardPass() throws {
    let lenet = MultiplierLayer.all(in: try Model.lenet5())
    #expect(lenet.map(\.path) == ["conv1", "conv2", "fc1", "fc2", "fc3"])
    #expect(lenet.map(\.source) == [nil, "pool1", "flatten", "relu3", "relu4"])
    let resnet = MultiplierLayer.all(in: try Model.resnet(depth: 20, width: 0.25, inputShape: [1, 28, 28]))
    #expect(resnet.first { $0.path == "stage1.block1.conv1" }?.source == "relu1")
    #expect(resnet.first { $0.path == "stage1.block1.conv2" }?.source == "stage1.block1.relu1")
    #expect(resnet.first { $0.path == "stage2.block1.conv1" }?.source == "stage1.block3")
    #expect(resnet.last?.source == "flatten")
  }

  @Test func integerLayersReproduceTheQuantisedForwardPass() throws {
    let (network, inputs) = try quantizedLeNet()
    let layers = try network.integerLayers(for: inputs)
    #expect(layers.count == 5)
    for layer in layers {
      #expect(layer.activations.allSatisfy { (0...127).contains($0) }, "\(layer.path) activations are post-ReLU levels")
      #expect(layer.weights.allSatisfy { (-127...127).contains($0) })
      #expect(layer.activations.count == layer.shape.m * layer.shape.k)
    }
    // fc3's logits from the integer matrices match the float network's output up to the scales.
    let fc3 = layers[4]
    let model = network.model
    guard let linear = model.layer("fc3") as? Linear, let bias = linear.bias?.value.scalars,
          let aScale = network.sourceScales["relu4"], let wScales = network.weightScales["fc3"]
    else { Issue.record("fc3 missing"); return }
    let out = try model.predict(try network.prepared(inputs), hooks: network.hooks)
    for m in 0..<fc3.shape.m {
      for n in 0..<fc3.shape.n {
        var acc = 0
        for k in 0..<fc3.shape.k { acc += fc3.activations[m * fc3.shape.k + k] * fc3.weights[k * fc3.shape.n + n] }
        let value = Float(acc) * aScale * wScales[n] + bias[n]
        #expect(abs(value - out.scalars[m * fc3.shape.n + n]) < 1e-3 * max(1, abs(value)))
      }
    }
  }

  /// The network-driven power table against a direct gate-level simulation of the same stream.
  @Test func networkDrivenTableMatchesDirectSimulation() throws {
    let netlist = try #require(osuMAC)
    let (network, inputs) = try quantizedLeNet()
    let layers = try network.integerLayers(for: inputs)
    let stream = try OperandStream.sampled(
      from: layers, array: try SystolicArray(rows: 16, columns: 16), transitions: 400, chunk: 50, seed: 3)
    #expect(stream.transitions == 400)
    #expect(stream.partialSums.contains { $0 != 0 }, "PEs below the first row see real partial sums")
    let weights = [-128, -77, -1, 0, 3, 64, 127]
    let table = try WeightPower.characterize(netlist, configuration: MACConfiguration(), weights: weights, stream: stream)
    let direct = SimulatedMAC(netlist: netlist, counting: .inertial)
    for weight in weights {
      let entry = try #require(table.entry(weight: weight))
      let simulated = try direct.dynamicEnergy(weight: weight, activations: stream.activations, partialSums: stream.partialSums)
        / Double(stream.transitions)
      #expect(abs(entry.energyPerOperation - simulated) <= 1e-9 * simulated, "weight \(weight)")
    }
    // Weight 0 switches the multiplier least; the network's stream differs from a random one.
    let energies = weights.compactMap { table.entry(weight: $0)?.energyPerOperation }
    #expect(table.entry(weight: 0)?.energyPerOperation == energies.min())
    let random = try OperandStream.random(transitions: 400, activationRange: -128...127, partialSumBits: 16, seed: 1)
    let generic = try WeightPower.characterize(netlist, configuration: MACConfiguration(), weights: [-77], stream: random)
    #expect(generic.entries[0].energyPerOperation != table.entry(weight: -77)?.energyPerOperation)
  }

  @Test func everyRetrainedWeightLiesInTheAllowedSet() throws {
    let (network, _) = try quantizedLeNet()
    let allowed = [-96, -17, 0, 5, 40, 100]
    let activations = [0, 9, 30, 127]
    let retrained = try RestrictedRetraining.retrain(
      network, weights: allowed, activations: activations, on: tinyData(),
      settings: .init(epochs: 1, learningRate: 0.05, batchSize: 8, seed: 1))
    let before = try network.weightLevels()
    let after = try retrained.weightLevels()
    #expect(before.flatMap(\.levels) != after.flatMap(\.levels))
    for (path, levels) in after {
      #expect(Set(levels).isSubset(of: Set(allowed)), "\(path)")
    }
    // The model's float weights are exactly level x scale: projecting again changes nothing.
    for (name, parameter) in retrained.model.multiplierWeights {
      let path = String(name.dropLast(".weight".count))
      let again = try retrained.weightQuantizer.fakeQuantize(parameter.value, scales: retrained.weightScales[path])
      #expect(again.scalars == parameter.value.scalars, "\(path)")
    }
    // And every activation a multiplier sees is an allowed one.
    var random = SplitMix64(seed: 9)
    let inputs = Tensor(shape: [2, 1, 28, 28], scalars: (0..<(2 * 784)).map { _ in Float(random.next() % 100) / 99 })
    for layer in try retrained.integerLayers(for: inputs) {
      #expect(Set(layer.activations).isSubset(of: Set(activations)), "\(layer.path)")
      #expect(Set(layer.weights).isSubset(of: Set(allowed)), "\(layer.path)")
    }
  }

  /// Voltage scaling meets the clock at the chosen supply, checked by re-running the timing there.
  @Test func scaledSupplyMeetsTheClockWhenRetimed() throws {
    let netlist = try #require(osuMAC)
    let library = try CellLibrary.named("osu018")
    let weights = [-128, -64, -3, 0, 1, 2, 8, 85, 127]
    let grid = [0, 1, 7, 32, 64, 100, 127]
    let delays = try SensitisedDelays.characterize(netlist, weights: weights, activations: grid)
    let power = try WeightPower.characterize(
      netlist, configuration: MACConfiguration(), weights: weights,
      stream: try OperandStream.random(transitions: 64, activationRange: 0...127, partialSumBits: 12, seed: 2))
    let selection = try ValueSelection.select(power: power, delays: delays, weightCount: 4, activationCount: 4, poolSize: 6)
    #expect(selection.weights.count == 4 && selection.activations.count == 4 && selection.activations.contains(0))
    #expect(selection.criticalDelayAfter < selection.criticalDelayBefore)
    let scaling = VoltageScaling(library: library)
    let plan = try SupplyScaling.plan(
      delay: selection.criticalDelayAfter, clockPeriod: selection.criticalDelayBefore, scaling: scaling)
    #expect(plan.voltage < library.nominalVoltage)
    let retimed = try SupplyScaling.retimedCriticalDelay(
      netlist, weights: selection.weights, activations: selection.activations, partialSum: 0, voltage: plan.voltage,
      scaling: scaling)
    #expect(retimed <= selection.criticalDelayBefore * (1 + 1e-9))
    if plan.voltage > library.minimumVoltage + 0.01 {
      let lower = try SupplyScaling.retimedCriticalDelay(
        netlist, weights: selection.weights, activations: selection.activations, partialSum: 0,
        voltage: plan.voltage - 0.01, scaling: scaling)
        #expect(lower > selection.criticalDelayBefore, "the chosen supply is the lowest that meets the clock")
    }
  }

  @Test func badInputIsRefusedWithAClearError() throws {
    let netlist = try #require(osuMAC)
    let stream = try OperandStream.random(transitions: 10, activationRange: 0...127, partialSumBits: 12, seed: 1)
    #expect(throws: PowerPruningError("characterize: weight 200 does not fit the MAC's 8-bit weight port (-128...127)")) {
      try WeightPower.characterize(netlist, configuration: MACConfiguration(), weights: [3, 200], stream: stream)
    }
    let (network, _) = try quantizedLeNet(images: 1)
    #expect(throws: PowerPruningError("restrict: the allowed weight values are empty")) {
      try network.restricted(weights: [], activations: [0, 1])
    }
    #expect(throws: PowerPruningError("restrict: activation value 300 does not fit 8 bits (-128...127)")) {
      try network.restricted(weights: [1, 2], activations: [0, 300])
    }
    // Weight 0 sensitises no path at all (the product stays 0), so the pool here leaves it out.
    let delays = try SensitisedDelays.characterize(netlist, weights: [1, 2, 3], activations: [0, 5, 9])
    #expect(try SensitisedDelays.characterize(netlist, weights: [0], activations: [0, 5, 9]).critical() == 0)
    let power = try WeightPower.characterize(netlist, configuration: MACConfiguration(), weights: [1, 2, 3], stream: stream)
    do {
      _ = try ValueSelection.select(power: power, delays: delays, weightCount: 2, activationCount: 2, targetDelay: 1e-15)
      Issue.record("a target shorter than every path was accepted")
    } catch let error as PowerPruningError {
      #expect(error.description.hasPrefix("select: the target delay 0.0 ps is shorter than any pool weight's sensitised path"))
    }
    #expect(throws: PowerPruningError("voltage: the path of 2.0 ps misses the clock of 1.0 ps even at the nominal 1.8 V")) {
      try SupplyScaling.plan(delay: 2e-12, clockPeriod: 1e-12, scaling: VoltageScaling(library: try CellLibrary.named("osu018")))
    }
    var partial = stream
    partial.partialSums[3] = 1 << 30
    #expect(throws: PowerPruningError("stream: partial sum 1073741824 does not fit the MAC's 22-bit accumulator")) {
      try WeightPower.characterize(netlist, configuration: MACConfiguration(), weights: [1], stream: partial)
    }
  }
}
