import Testing
@testable import Hardware

@Suite struct RewriteTests {
  /// A random graph over `inputs` inputs with redundancy for the rewriter to find.
  func randomGraph(seed: UInt64, inputs: Int, nodes: Int) -> AIG {
    var random = TestRandom(seed: seed)
    var g = AIG()
    var pool = (0..<inputs).map { g.addInput("i\($0)") }
    for _ in 0..<nodes {
      let a = pool[random.int(in: 0...(pool.count - 1))].complemented(if: random.next() & 1 == 1)
      let b = pool[random.int(in: 0...(pool.count - 1))].complemented(if: random.next() & 1 == 1)
      switch random.int(in: 0...3) {
      case 0: pool.append(g.and(a, b))
      case 1: pool.append(g.xor(a, b))
      case 2: pool.append(g.or(g.and(a, b), g.and(a, !b)))
      default:
        let c = pool[random.int(in: 0...(pool.count - 1))]
        pool.append(g.mux(c, a, b))
      }
    }
    for (k, literal) in pool.suffix(6).enumerated() { g.addOutput(literal, name: "o\(k)") }
    return g
  }

  func truthTables(_ g: AIG) -> [[UInt64]] {
    let values = g.simulateAllNodes(patterns: AIG.exhaustivePatterns(inputs: g.inputCount))
    let words = max(1, (1 << g.inputCount) / 64)
    return g.outputs.map { o in (0..<words).map { values[o.node * words + $0] ^ (o.isComplemented ? ~0 : 0) } }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
  func rewritingAndBalancingKeepTheFunction(seed: UInt64) {
    let g = randomGraph(seed: seed, inputs: 7, nodes: 60)
    let reference = truthTables(g)
    let rewritten = g.rewritten()
    #expect(rewritten.andCount <= g.compacted().andCount)
    #expect(truthTables(rewritten) == reference)
    let balanced = g.balanced()
    #expect(truthTables(balanced) == reference)
    #expect(balanced.depth <= g.depth)
    let simplified = g.simplified()
    #expect(truthTables(simplified) == reference)
    #expect(simplified.andCount <= g.compacted().andCount)
  }

  @Test func rewritingFindsTheSharedOr() {
    // carry = (a & b) | (a ^ b) is a | b, and !a & !b already exists inside the XOR.
    var g = AIG()
    let a = g.addInput("a"), b = g.addInput("b")
    let t = g.xor(a, b)
    g.addOutput(t, name: "t")
    g.addOutput(g.or(g.and(a, b), t), name: "c")
    #expect(g.andCount == 4)
    let r = g.rewritten()
    #expect(r.andCount == 3)
    #expect(truthTables(r) == truthTables(g))
  }

  @Test func balancingShortensAChain() {
    var g = AIG()
    let bits = g.addInputPort("a", width: 8, signed: false)
    var chain = bits[0]
    for bit in bits.dropFirst() { chain = g.and(chain, bit) }
    g.addOutput(chain, name: "y")
    #expect(g.depth == 7)
    let b = g.balanced()
    #expect(b.depth == 3)
    #expect(b.andCount == 7)
    #expect(truthTables(b) == truthTables(g))
  }
}
