import Testing
@testable import Hardware

@Suite struct GeneratorTests {
  @Test(arguments: [false, true])
  func rippleCarryAdderIsExact(signed: Bool) throws {
    let g = try Generators.rippleCarryAdder(width: 6, signed: signed)
    let operands = exhaustiveOperands(g.inputPorts)
    let sum = try #require(try g.evaluate(operands)["sum"])
    try #require(sum.count == 1 << 12, "every pair of 6-bit operands")
    for k in sum.indices { #expect(sum[k] == operands["a"]![k] + operands["b"]![k]) }
  }

  @Test func carrySaveAdderKeepsTheSum() throws {
    let g = try Generators.carrySaveAdder(width: 4)
    let operands = exhaustiveOperands(g.inputPorts)
    let out = try g.evaluate(operands)
    try #require(out["sum"]?.count == 1 << 12 && out["carry"]?.count == 1 << 12, "every triple of 4-bit operands")
    for k in 0..<operands["a"]!.count {
      #expect(out["sum"]![k] + out["carry"]![k] == operands["a"]![k] + operands["b"]![k] + operands["c"]![k])
    }
  }

  /// Checks a multiplier against integer products for every operand pair.
  func checkMultiplier(_ n: Int, _ m: Int, _ sx: Bool, _ sw: Bool, _ architecture: MultiplierArchitecture) throws {
    let g = try Generators.multiplier(
      activationBits: n, weightBits: m, activationSigned: sx, weightSigned: sw, architecture: architecture)
    let operands = exhaustiveOperands(g.inputPorts)
    let p = try #require(try g.evaluate(operands)["p"])
    try #require(p.count == 1 << (n + m), "every operand pair")
    var wrong = 0
    for k in p.indices where p[k] != operands["x"]![k] * operands["w"]![k] { wrong += 1 }
    #expect(wrong == 0, "\(n)x\(m) \(sx ? "signed" : "unsigned") x \(sw ? "signed" : "unsigned") \(architecture)")
  }

  @Test(arguments: MultiplierArchitecture.allCases)
  func signedEightBitMultipliersAreExact(architecture: MultiplierArchitecture) throws {
    try checkMultiplier(8, 8, true, true, architecture)
  }

  @Test(arguments: MultiplierArchitecture.allCases)
  func everySignednessIsExact(architecture: MultiplierArchitecture) throws {
    for (sx, sw) in [(false, false), (false, true), (true, false), (true, true)] {
      try checkMultiplier(5, 4, sx, sw, architecture)
      try checkMultiplier(3, 6, sx, sw, architecture)
      try checkMultiplier(1, 3, sx, sw, architecture)
      try checkMultiplier(2, 1, sx, sw, architecture)
    }
  }

  @Test func macAddsTheProductToTheAccumulator() throws {
    let configuration = MACConfiguration(activationBits: 8, weightBits: 8, accumulatorBits: 22)
    let g = try Generators.mac(configuration)
    var operands = exhaustiveOperands(g.inputPorts.filter { $0.name != "acc" })
    var random = TestRandom(seed: 7)
    operands["acc"] = random.ints(operands["x"]!.count, in: -(1 << 21)...((1 << 21) - 1))
    let y = try #require(try g.evaluate(operands)["y"])
    try #require(y.count == 1 << 16)
    var wrong = 0
    for k in y.indices {
      let expected = wrapSigned(operands["acc"]![k] + operands["x"]![k] * operands["w"]![k], bits: 22)
      if y[k] != expected { wrong += 1 }
    }
    #expect(wrong == 0)
  }

  @Test func neuronWithEmbeddedWeightsComputesReluOfTheDotProduct() throws {
    let configuration = NeuronConfiguration(
      activationBits: 3, activationSigned: false, weightBits: 4, biasBits: 6, outputBits: 8, relu: true)
    let weights = [3, -5, 7], bias = -9
    let g = try Generators.neuron(weights: weights, bias: bias, configuration: configuration)
    #expect(g.inputPorts.map(\.name) == ["x0", "x1", "x2"])
    let operands = exhaustiveOperands(g.inputPorts)
    let y = try #require(try g.evaluate(operands)["y"])
    try #require(y.count == 1 << 9, "three 3-bit activations")
    for k in y.indices {
      let sum = bias + (0..<3).reduce(0) { $0 + operands["x\($1)"]![k] * weights[$1] }
      #expect(y[k] == max(0, wrapSigned(sum, bits: 8)))
    }
  }

  @Test func genericNeuronTakesWeightsAsInputs() throws {
    let configuration = NeuronConfiguration(
      activationBits: 2, activationSigned: true, weightBits: 2, biasBits: 1, outputBits: 4, relu: false)
    let g = try Generators.neuron(inputs: 2, configuration: configuration)
    let operands = exhaustiveOperands(g.inputPorts)
    let y = try #require(try g.evaluate(operands)["y"])
    try #require(y.count == 1 << 9, "four 2-bit operands and a 1-bit bias")
    for k in y.indices {
      let sum = operands["b"]![k] + operands["x0"]![k] * operands["w0"]![k] + operands["x1"]![k] * operands["w1"]![k]
      #expect(y[k] == wrapSigned(sum, bits: 4))
    }
  }

  @Test func invalidShapesAreRejected() {
    #expect(throws: LogicError.self) { try Generators.multiplier(activationBits: 0, weightBits: 8) }
    #expect(throws: LogicError.self) { try Generators.rippleCarryAdder(width: 63, signed: false) }
    #expect(throws: LogicError.self) { try Generators.mac(MACConfiguration(accumulatorBits: 0)) }
    #expect(throws: LogicError.self) {
      try Generators.neuron(inputs: 0, configuration: NeuronConfiguration())
    }
  }
}
