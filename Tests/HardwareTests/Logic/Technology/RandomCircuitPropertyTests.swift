import Testing
@testable import Hardware

/// Properties over random circuits: technology mapping keeps every function, and static timing
/// bounds what the event-driven simulation sees.
@Suite struct RandomCircuitPropertyTests {
  let library = CellLibrary.cmos45nm

  /// A random AIG: `inputs` inputs (one unsigned port `a`), `nodes` AND nodes over random earlier
  /// literals with random complements, and the last `outputs` literals as port `y`.
  static func randomAIG(inputs: Int, nodes: Int, outputs: Int, seed: UInt64) -> AIG {
    var random = TestRandom(seed: seed)
    var g = AIG()
    var pool = g.addInputPort("a", width: inputs, signed: false)
    for _ in 0..<nodes {
      let a = pool[random.int(in: 0...(pool.count - 1))].complemented(if: random.next() & 1 == 1)
      let b = pool[random.int(in: 0...(pool.count - 1))].complemented(if: random.next() & 1 == 1)
      pool.append(g.and(a, b))
    }
    let bits = pool.suffix(outputs).map { $0.complemented(if: random.next() & 1 == 1) }
    g.addOutputPort("y", Array(bits), signed: false)
    return g
  }

  static let seeds: [UInt64] = Array(1...12)

  /// Mapped with and without adder cells, every random AIG computes what the AIG computes, on
  /// every input. A control: complementing one output of the AIG is noticed.
  @Test(arguments: seeds)
  func mappingKeepsTheFunctionOfRandomCircuits(seed: UInt64) throws {
    let inputs = 3 + Int(seed % 6)
    let g = Self.randomAIG(inputs: inputs, nodes: 12 + Int(seed) * 4, outputs: 5, seed: seed)
    let operands = ["a": Array(0..<(1 << inputs))]
    let expected = try #require(try g.evaluate(operands)["y"])
    #expect(expected.count == 1 << inputs)
    for adders in [true, false] {
      let netlist = g.mapped(to: library, adders: adders)
      #expect(try netlist.evaluate(operands)["y"] == expected, "seed \(seed), adders \(adders)")
    }
    var flipped = g
    flipped.setOutput(0, to: !g.outputs[0])
    #expect(try flipped.mapped(to: library).evaluate(operands)["y"] != expected)
  }

  /// Static timing is never below the settle time the event-driven simulation finds (with
  /// transport and with inertial delays) on random netlists and random input streams. The
  /// simulator rounds each cell's delay to 0.01 tau, so a path of n cells may come out up to
  /// n * 0.005 tau later; n is at most the cell count.
  @Test(arguments: seeds)
  func staticTimingBoundsTheSimulatedSettleTime(seed: UInt64) throws {
    let inputs = 4 + Int(seed % 5)
    let g = Self.randomAIG(inputs: inputs, nodes: 20 + Int(seed) * 3, outputs: 6, seed: seed + 100)
    let netlist = g.mapped(to: library)
    let critical = netlist.staticTiming().criticalDelay
    let rounding = Double(netlist.instances.count) * 0.005 * library.tau
    var random = TestRandom(seed: seed)
    let stream = ["a": random.ints(300, in: 0...((1 << inputs) - 1))]
    for counting in [ToggleCounting.transport, .inertial] {
      let settle = try netlist.switching(stream, counting: counting).worstSettleTime
      #expect(settle > 0, "seed \(seed): some output changes")
      #expect(settle <= critical + rounding, "seed \(seed) \(counting): settled at \(settle), static timing \(critical)")
    }
  }
}
