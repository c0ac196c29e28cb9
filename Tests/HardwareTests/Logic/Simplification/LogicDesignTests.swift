import Testing
@testable import Hardware

@Suite struct LogicDesignTests {
  @Test func constantMultipliersAreBuiltCheckedAndMapped() throws {
    let multipliers = try ConstantMultipliers.build(weights: [0, 1, -1, 6, -100])
    #expect(multipliers.map(\.weight) == [0, 1, -1, 6, -100])
    #expect(multipliers[0].transistors == 0 && multipliers[1].transistors == 0)
    #expect(multipliers[3].transistors > 0)
    // A weight with more non-zero bits needs more logic than a power of two.
    #expect(multipliers[4].andNodes > multipliers[3].andNodes)
    for m in multipliers {
      let x = Array(-128...127)
      #expect(try m.netlist.evaluate(["x": x])["p"] == x.map { $0 * m.weight })
    }
  }
}
