import Testing
@testable import Hardware

@Suite struct SimplificationTests {
  static let sampleWeights = [-128, -127, -2, -1, 0, 1, 3, 8, 85, 127]

  @Test(arguments: sampleWeights)
  func constantMultipliersStayExact(weight: Int) throws {
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    let tied = try generic.embedding("w", value: weight)
    let simple = tied.simplified()
    #expect(simple.inputPorts.map(\.name) == ["x"])
    #expect(simple.andCount <= tied.andCount)
    let x = Array(-128...127)
    let p = try #require(try simple.evaluate(["x": x])["p"])
    #expect(p == x.map { $0 * weight })
  }

  @Test func powersOfTwoNeedNoLogic() throws {
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    for weight in [0, 1, 2, 8, 64] {
      #expect(try generic.embedding(["w": weight]).andCount == 0, "x * \(weight) is wiring only")
    }
  }

  @Test func sweepingMergesEquivalentNodes() {
    var g = AIG()
    let a = g.addInput("a"), b = g.addInput("b")
    // Two structurally different XORs and a redundant constant.
    let x1 = g.xor(a, b)
    let x2 = g.or(g.and(a, !b), g.and(!a, b))
    g.addOutput(x1, name: "y1")
    g.addOutput(x2, name: "y2")
    g.addOutput(g.and(x1, g.xnor(a, b)), name: "zero")
    let swept = g.swept()
    #expect(swept.outputs[0] == swept.outputs[1])
    #expect(swept.outputs[2] == .false)
    #expect(swept.andCount == 3)
  }

  @Test func sweepingWideCircuitsProvesMergesOnSmallSupports() throws {
    // 8-bit activations and a 22-bit accumulator: too many inputs for full simulation, so
    // merges are proved on each pair's joint support.
    let mac = try Generators.mac(MACConfiguration())
    let tied = try mac.embedding("w", value: -3)
    let swept = tied.swept()
    #expect(swept.andCount < tied.andCount)
    var random = TestRandom(seed: 3)
    let x = random.ints(2000, in: -128...127)
    let acc = random.ints(2000, in: -(1 << 21)...((1 << 21) - 1))
    let y = try #require(try swept.evaluate(["x": x, "acc": acc])["y"])
    try #require(y.count == 2000)
    for k in y.indices { #expect(y[k] == wrapSigned(acc[k] - 3 * x[k], bits: 22)) }
  }

  @Test func embeddingRejectsBadConstants() throws {
    let generic = try Generators.multiplier(activationBits: 4, weightBits: 4)
    #expect(throws: LogicError.self) { try generic.embedding("w", value: 8) }
    #expect(throws: LogicError.self) { try generic.embedding("v", value: 1) }
  }
}
