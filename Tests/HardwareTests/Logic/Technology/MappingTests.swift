import Testing
@testable import Hardware

@Suite struct MappingTests {
  let library = CellLibrary.cmos45nm

  @Test func transistorCountsAreTheStatedOnes() {
    let expected: [CellKind: Int] = [
      .inv: 2, .nand2: 4, .nor2: 4, .and2: 6, .or2: 6, .xor2: 12, .xnor2: 12, .aoi21: 6, .oai21: 6, .mux2: 12,
      .halfAdder: 18, .fullAdder: 28,
    ]
    for (kind, count) in expected { #expect(library.cell(kind).transistors == count) }
    #expect(library.nominalVoltage == 0.9)
  }

  @Test func cellFunctionsMatchTheirNames() {
    // Evaluate each cell's truth table through the simulator's word evaluator.
    #expect(Set(library.cells.map(\.kind)).count == 12, "the twelve cells of the 45 nm library")
    for cell in library.cells {
      let patterns = AIG.exhaustivePatterns(inputs: 3).map { $0[0] }
      for output in 0..<cell.outputPins.count {
        let word = MappedNetlist.evaluate(cell.kind, output: output, patterns[0], patterns[1], patterns[2])
        let expected = UInt64(cell.functions[output] & 0xFF)
        #expect(word & 0xFF == expected, "\(cell.name) \(cell.outputPins[output])")
      }
    }
  }

  @Test func aFullAdderMapsToOneMirrorAdder() {
    var g = AIG()
    let a = g.addInput("a"), b = g.addInput("b"), c = g.addInput("c")
    let (s, co) = g.fullAdder(a, b, c)
    g.addOutput(s, name: "s")
    g.addOutput(co, name: "co")
    let netlist = g.mapped(to: library)
    #expect(netlist.cellCounts == [.fullAdder: 1])
    #expect(netlist.transistorCount == 28)
  }

  @Test func anInverterMapsToOneInverter() {
    var g = AIG()
    let a = g.addInput("a")
    g.addOutput(!a, name: "y")
    let netlist = g.mapped(to: library)
    #expect(netlist.cellCounts == [.inv: 1])
    #expect(netlist.transistorCount == 2)
  }

  @Test(arguments: MultiplierArchitecture.allCases)
  func mappedMultipliersAreExactAndUseFullAdders(architecture: MultiplierArchitecture) throws {
    let g = try Generators.multiplier(activationBits: 8, weightBits: 8, architecture: architecture)
    let netlist = g.mapped(to: library)
    #expect((netlist.cellCounts[.fullAdder] ?? 0) >= 40)
    let operands = exhaustiveOperands(netlist.inputPorts)
    let p = try #require(try netlist.evaluate(operands)["p"])
    try #require(p.count == 1 << 16)
    var wrong = 0
    for k in p.indices where p[k] != operands["x"]![k] * operands["w"]![k] { wrong += 1 }
    #expect(wrong == 0)
  }

  @Test func mappedConstantMultipliersAreExact() throws {
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    for weight in [-128, -77, -2, 3, 99, 127] {
      let netlist = try generic.embedding(["w": weight]).mapped(to: library)
      let x = Array(-128...127)
      #expect(try netlist.evaluate(["x": x])["p"] == x.map { $0 * weight })
    }
  }

  @Test func mappingWithoutAddersIsExactToo() throws {
    let g = try Generators.mac(MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10))
    let netlist = g.mapped(to: library, adders: false)
    #expect(netlist.cellCounts[.fullAdder] == nil && netlist.cellCounts[.halfAdder] == nil)
    let operands = exhaustiveOperands(netlist.inputPorts.filter { $0.name != "acc" })
    var random = TestRandom(seed: 11)
    let acc = random.ints(operands["x"]!.count, in: -512...511)
    let y = try #require(try netlist.evaluate(operands.merging(["acc": acc]) { $1 })["y"])
    try #require(y.count == 1 << 8)
    for k in y.indices { #expect(y[k] == wrapSigned(acc[k] + operands["x"]![k] * operands["w"]![k], bits: 10)) }
  }

  /// The calibration makes the 8-bit multiply take 0.2 pJ by construction; Horowitz's 8-bit
  /// add (0.03 pJ, same table) is the independent check `CellLibrary.swift` names. An 8-bit
  /// ripple-carry adder under uniform random operands, glitches counted with inertial delays,
  /// must land within a factor of two of it (Horowitz's figures are rounded, and his adder's
  /// design is not stated).
  @Test func eightBitAddLandsNearHorowitzsAddEnergy() throws {
    let adder = try Generators.rippleCarryAdder(width: 8, signed: false).mapped(to: library)
    var random = TestRandom(seed: 2014)
    let a = random.ints(4001, in: 0...255), b = random.ints(4001, in: 0...255)
    let energy = try adder.switching(["a": a, "b": b], counting: .inertial).energyPerTransition()
    #expect(energy > 0.015e-12 && energy < 0.06e-12, "8-bit add: \(energy * 1e12) pJ, Horowitz 0.03 pJ")
    // A unit capacitance of a fraction of a femtofarad is what a 45 nm gate input has.
    #expect(library.unitCapacitance > 0.05e-15 && library.unitCapacitance < 1e-15)
  }
}
