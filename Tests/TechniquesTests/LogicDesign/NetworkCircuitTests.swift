import Tensor
import Hardware
import Testing
@testable import Techniques

/// A seeded random integer network for the circuit tests.
func randomIntegerNetwork(
  sizes: [Int], inputBits: Int = 2, activationBits: Int = 2, weightBits: Int = 3, zeroFraction: Double = 0.3,
  seed: UInt64
) throws -> IntegerNetwork {
  var random = SplitMix64(seed: seed)
  func uniform(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
  let low = -(1 << (weightBits - 1)), high = (1 << (weightBits - 1)) - 1
  var layers: [IntegerNetwork.Layer] = []
  for l in 1..<sizes.count {
    let weights = (0..<sizes[l]).map { _ in
      (0..<sizes[l - 1]).map { _ in Double(random.next() % 1000) / 1000 < zeroFraction ? 0 : uniform(low...high) }
    }
    if l == sizes.count - 1 {
      layers.append(.init(weights: weights, biases: (0..<sizes[l]).map { _ in uniform(-6...6) }))
    } else {
      let levels = (1 << activationBits) - 1
      let thresholds = (0..<sizes[l]).map { _ in (0..<levels).map { _ in uniform(-4...12) }.sorted() }
      layers.append(.init(weights: weights, thresholds: thresholds))
    }
  }
  return try IntegerNetwork(inputBits: inputBits, activationBits: activationBits, weightBits: weightBits, layers: layers)
}

/// Seeded random input vectors.
func randomSamples(_ count: Int, features: Int, bits: Int, seed: UInt64) -> [[Int]] {
  var random = SplitMix64(seed: seed)
  return (0..<count).map { _ in (0..<features).map { _ in Int(random.next() % UInt64(1 << bits)) } }
}

@Suite struct NetworkCircuitTests {
  @Test func bothStylesAgreeWithTheIntegerNetworkBitForBit() throws {
    for seed: UInt64 in [1, 2, 3] {
      let network = try randomIntegerNetwork(sizes: [12, 8, 6, 4], seed: seed)
      let samples = randomSamples(300, features: 12, bits: 2, seed: seed + 10)
      let expected = network.classify(samples)
      #expect(Set(expected).count > 1, "the random network should not be constant")
      for style in CircuitStyle.allCases {
        let circuit = NetworkCircuits.network(network, style: style)
        #expect(try NetworkCircuits.classify(circuit, network: network, samples: samples) == expected, "\(style), seed \(seed)")
      }
      let reference = try NetworkCircuits.reference(network)
      #expect(try NetworkCircuits.classify(reference, network: network, samples: samples) == expected)
    }
  }

  @Test func hiddenLayerCircuitsComputeTheActivations() throws {
    let network = try randomIntegerNetwork(sizes: [10, 7, 3], activationBits: 3, weightBits: 4, seed: 5)
    let samples = randomSamples(200, features: 10, bits: 2, seed: 6)
    for style in CircuitStyle.allCases {
      let circuit = try NetworkCircuits.layer(0, of: network, style: style)
      var operands = NetworkCircuits.inputOperands(samples)
      if style == .generic {
        operands.merge(NetworkCircuits.storedValues(of: network, layer: 0, count: samples.count)) { a, _ in a }
      }
      let outputs = try circuit.evaluate(operands)
      for o in 0..<7 {
        #expect(outputs["y\(o)"] == samples.map { network.trace($0)[0][o] }, "\(style) neuron \(o)")
      }
    }
  }

  @Test func zeroWeightsLeaveNoLogicAndEmbeddingShrinksTheCircuit() throws {
    let network = try randomIntegerNetwork(sizes: [12, 8, 4], seed: 9)
    let embedded = NetworkCircuits.network(network, style: .embedded)
    let generic = NetworkCircuits.network(network, style: .generic)
    #expect(embedded.andCount * 3 < generic.andCount)
    var zeroed = network.layers
    zeroed[0].weights = zeroed[0].weights.map { $0.map { _ in 0 } }
    let dead = try IntegerNetwork(inputBits: 2, activationBits: 2, weightBits: 3, layers: zeroed)
    // With every first-layer weight zero the hidden activations are constants: no input reaches the class.
    let circuit = NetworkCircuits.network(dead, style: .embedded)
    #expect(circuit.andCount == 0)
  }

  @Test func badNetworksAreRejectedWithWhereAndWhat() throws {
    #expect(throws: LogicDesignError.self) {
      try IntegerNetwork(inputBits: 2, activationBits: 2, weightBits: 3,
                         layers: [.init(weights: [[1, 5], [0, 1]], biases: [0, 0])])
    }
    do {
      _ = try IntegerNetwork(inputBits: 2, activationBits: 2, weightBits: 3,
                             layers: [.init(weights: [[1, 5], [0, 1]], biases: [0, 0])])
    } catch let error as LogicDesignError {
      #expect(error.message.contains("layer 1, neuron 0, input 1: weight 5 does not fit 3 signed bits"))
    }
    #expect(throws: LogicDesignError.self) {
      try IntegerNetwork(inputBits: 2, activationBits: 2, weightBits: 3,
                         layers: [.init(weights: [[1, 1]], thresholds: [[3, 2, 1]]), .init(weights: [[1], [1]], biases: [0, 0])])
    }
  }

  @Test(.enabled(if: Yosys() != nil && BerkeleyABC() != nil, "yosys or berkeley-abc is not installed"))
  func yosysReadsTheVerilogAndABCProvesItEquivalentToTheReference() throws {
    let network = try randomIntegerNetwork(sizes: [10, 6, 4], seed: 21)
    let circuit = NetworkCircuits.network(network, style: .embedded)
    let reference = try NetworkCircuits.reference(network)
    let proof = try EquivalenceProof.prove(circuit, against: reference)
    #expect(proof.equivalent)
    #expect(proof.circuitNodes < proof.referenceNodes)
    // Negative control: one first-layer weight changed in the reference.
    var layers = network.layers
    let (o, i) = (0, layers[0].weights[0].firstIndex { $0 != 0 } ?? 0)
    layers[0].weights[o][i] = layers[0].weights[o][i] == 3 ? -4 : 3
    let mutated = try IntegerNetwork(inputBits: 2, activationBits: 2, weightBits: 3, layers: layers)
    #expect(try !EquivalenceProof.prove(circuit, against: NetworkCircuits.reference(mutated)).equivalent)
  }
}
