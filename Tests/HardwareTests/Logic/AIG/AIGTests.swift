import Testing
@testable import Hardware

@Suite struct AIGTests {
  @Test func literalsPackNodeAndComplement() {
    let literal = Literal(node: 3, complemented: true)
    #expect(literal.raw == 7)
    #expect(literal.node == 3)
    #expect(literal.isComplemented)
    #expect(!literal == Literal(node: 3))
    #expect(Literal.false.raw == 0 && Literal.true.raw == 1)
    #expect(Literal.true.isConstant && !literal.isConstant)
  }

  @Test func structuralHashingReusesNodes() {
    var g = AIG()
    let a = g.addInput("a"), b = g.addInput("b")
    let x = g.and(a, b)
    #expect(g.and(b, a) == x)
    #expect(g.and(a, b) == x)
    #expect(g.andCount == 1)
    #expect(g.and(!a, b) != x)
    #expect(g.andCount == 2)
    #expect(g.lookupAnd(a, !b) == nil)
  }

  @Test func trivialAndsCreateNoNodes() {
    var g = AIG()
    let a = g.addInput("a")
    #expect(g.and(a, .false) == .false)
    #expect(g.and(.true, a) == a)
    #expect(g.and(a, a) == a)
    #expect(g.and(a, !a) == .false)
    #expect(g.andCount == 0)
  }

  /// Truth table of a single-output function of three inputs, by exhaustive simulation.
  func truthTable(_ build: (inout AIG, Literal, Literal, Literal) -> Literal) -> (UInt8, Int) {
    var g = AIG()
    let a = g.addInput("a"), b = g.addInput("b"), c = g.addInput("c")
    g.addOutput(build(&g, a, b, c), name: "y")
    let word = g.simulate(inputWords: AIG.exhaustivePatterns(inputs: 3).map { $0[0] })[0]
    return (UInt8(truncatingIfNeeded: word), g.andCount)
  }

  @Test func gatesComputeTheirTruthTables() {
    #expect(truthTable { g, a, b, _ in g.or(a, b) }.0 == 0xEE)
    #expect(truthTable { g, a, b, _ in g.xor(a, b) }.0 == 0x66)
    #expect(truthTable { g, a, b, _ in g.xnor(a, b) }.0 == 0x99)
    #expect(truthTable { g, a, b, c in g.mux(c, b, a) }.0 == 0xCA)
    #expect(truthTable { g, a, b, c in g.maj(a, b, c) }.0 == 0xE8)
    #expect(truthTable { g, a, b, c in g.fullAdder(a, b, c).sum }.0 == 0x96)
    #expect(truthTable { g, a, b, c in g.fullAdder(a, b, c).carry }.0 == 0xE8)
    #expect(truthTable { g, a, b, c in g.and([a, b, c]) }.0 == 0x80)
    #expect(truthTable { g, a, b, c in g.or([a, b, c]) }.0 == 0xFE)
  }

  @Test func addersHaveTheirKnownSizes() {
    var g = AIG()
    let a = g.addInput("a"), b = g.addInput("b"), c = g.addInput("c")
    let full = g.fullAdder(a, b, c)
    g.addOutput(full.sum, name: "s")
    g.addOutput(full.carry, name: "co")
    #expect(g.andCount == 7)
    var h = AIG()
    let x = h.addInput("x"), y = h.addInput("y")
    let half = h.halfAdder(x, y)
    h.addOutput(half.sum, name: "s")
    h.addOutput(half.carry, name: "c")
    #expect(h.andCount == 3)
  }

  @Test func compactionDropsDanglingLogic() {
    var g = AIG()
    let a = g.addInput("a"), b = g.addInput("b")
    _ = g.xor(a, b)
    g.addOutput(g.and(a, b), name: "y")
    #expect(g.andCount == 3)
    let compact = g.compacted()
    #expect(compact.andCount == 1)
    #expect(compact.inputCount == 2)
  }

  @Test func depthCountsAndLevels() throws {
    var g = AIG()
    let bits = g.addInputPort("a", width: 4, signed: false)
    g.addOutput(g.and(bits), name: "y")
    #expect(g.depth == 2)
  }

  @Test func evaluateReportsBadOperands() throws {
    let g = try Generators.rippleCarryAdder(width: 4, signed: true)
    #expect(throws: LogicError.self) { try g.evaluate(["a": [1], "q": [1]]) }
    #expect(throws: LogicError.self) { try g.evaluate(["a": [1, 2], "b": [1]]) }
    #expect(throws: LogicError.self) { try g.evaluate(["a": [8], "b": [1]]) }
    #expect(throws: LogicError.self) { try g.evaluate(["a": [1]]) }
    #expect(try g.evaluate(["a": [-8, 7], "b": [-1, 7]])["sum"] == [-9, 14])
  }

  @Test func cutsCarryTheNodeFunction() {
    var g = AIG()
    let a = g.addInput("a"), b = g.addInput("b"), c = g.addInput("c")
    let (sum, carry) = g.fullAdder(a, b, c)
    let cuts = g.enumerateCuts(size: 3, limit: 10)
    let leaves = [a.node, b.node, c.node]
    let sumCut = cuts[sum.node].first { $0.leafList == leaves }
    let carryCut = cuts[carry.node].first { $0.leafList == leaves }
    #expect(sumCut.map { $0.truthTable ^ (sum.isComplemented ? 0xFFFF : 0) } == 0x9696)
    #expect(carryCut.map { $0.truthTable ^ (carry.isComplemented ? 0xFFFF : 0) } == 0xE8E8)
  }
}
