import Testing
@testable import Hardware

@Suite struct TruthTableTests {
  /// The value of `tt` (over `count` variables, repeated) at an assignment of those variables.
  func value(_ tt: UInt16, _ assignment: [Bool]) -> Bool {
    let index = assignment.enumerated().reduce(0) { $0 | ($1.element ? 1 << $1.offset : 0) }
    return (tt >> UInt16(index)) & 1 == 1
  }

  /// A random table over `count` variables, repeated over the rest.
  func randomTable(_ random: inout TestRandom, count: Int) -> UInt16 {
    let period = 1 << count
    let pattern = UInt16(truncatingIfNeeded: random.next()) & UInt16((1 << period) - 1)
    var tt: UInt16 = 0
    for k in 0..<16 where (pattern >> UInt16(k % period)) & 1 == 1 { tt |= 1 << UInt16(k) }
    return tt
  }

  @Test func expandPlacesEachVariableAtItsLeaf() {
    var random = TestRandom(seed: 12)
    for _ in 0..<300 {
      let toCount = random.int(in: 1...4)
      let to = Array((0..<8).shuffled(using: &random).prefix(toCount)).sorted().map(Int32.init)
      let fromCount = random.int(in: 0...toCount)
      let from = Array(to.shuffled(using: &random).prefix(fromCount)).sorted()
      let tt = randomTable(&random, count: fromCount)
      let expanded = from.withUnsafeBufferPointer { f in to.withUnsafeBufferPointer { t in TruthTable4.expand(tt, from: f, to: t) } }
      for k in 0..<16 {
        let assignment = (0..<4).map { (k >> $0) & 1 == 1 }
        let original = from.map { leaf in assignment[to.firstIndex(of: leaf)!] }
        #expect(value(expanded, assignment) == value(tt, original))
      }
    }
  }

  @Test func removingAVariableKeepsTheTableRepeated() {
    var random = TestRandom(seed: 13)
    for _ in 0..<200 {
      let count = random.int(in: 1...4)
      let v = random.int(in: 0...(count - 1))
      // A function of `count` variables that ignores v.
      var tt = randomTable(&random, count: count)
      tt = TruthTable4.cofactor(tt, v, false)
      let removed = TruthTable4.removing(tt, v, count: count)
      for k in 0..<16 {
        var assignment = (0..<4).map { (k >> $0) & 1 == 1 }
        let reduced = assignment.enumerated().filter { $0.offset != v }.map(\.element) + [assignment[v]]
        assignment[v] = false
        #expect(value(removed, Array(reduced.prefix(4))) == value(tt, assignment))
      }
      // Repeated: the top variable of the result is never read.
      #expect(!TruthTable4.dependsOn(removed, 3))
    }
  }

  @Test func cofactorsAndDependence() {
    let a = TruthTable4.variables[0], b = TruthTable4.variables[1]
    let f = a & b
    #expect(TruthTable4.cofactor(f, 0, true) == b)
    #expect(TruthTable4.cofactor(f, 0, false) == 0)
    #expect(TruthTable4.dependsOn(f, 1) && !TruthTable4.dependsOn(f, 2))
    #expect(TruthTable4.compose(0x8888, arity: 2, pins: [1, 0], phases: 0b01) == ~a & b)
    #expect(TruthTable4.swapAdjacent(a, 0) == b)
  }

  @Test func synthesisedStructuresComputeTheirFunctions() {
    var synthesizer = CutSynthesizer()
    var random = TestRandom(seed: 14)
    let samples = [0x0000, 0xFFFF, 0xAAAA, 0x6666, 0x9696, 0xE8E8, 0x6996, 0x8000, 0xCACA]
      + (0..<200).map { _ in Int(random.next() & 0xFFFF) }
    for sample in samples {
      let tt = UInt16(sample)
      let structure = synthesizer.structure(for: tt)
      var values = [UInt16](repeating: 0, count: Int(SmallStructure.firstGate) + structure.gates.count)
      for i in 0..<4 { values[1 + i] = TruthTable4.variables[i] }
      func read(_ ref: UInt16) -> UInt16 { ref & 1 == 1 ? ~values[Int(ref >> 1)] : values[Int(ref >> 1)] }
      for (k, gate) in structure.gates.enumerated() {
        values[Int(SmallStructure.firstGate) + k] = read(gate.0) & read(gate.1)
      }
      #expect(read(structure.output) == tt, "function \(String(tt, radix: 16))")
    }
    // Known sizes: XOR2 3, full-adder sum (XOR3) 6, AND4 3.
    #expect(synthesizer.structure(for: 0x6666).gates.count == 3)
    #expect(synthesizer.structure(for: 0x9696).gates.count == 6)
    #expect(synthesizer.structure(for: 0x8000).gates.count == 3)
  }
}
