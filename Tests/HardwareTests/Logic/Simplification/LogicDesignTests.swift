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

  /// The talk's examples: our reductions must point the same way and be of the same order.
  @Test func talkExamplesReduceDelayPowerAndArea() throws {
    let multiplier = try LogicDesignExamples.multiplier()
    let mac = try LogicDesignExamples.mac()
    for comparison in [multiplier, mac] {
      #expect(comparison.delayReduction > 0.2 && comparison.delayReduction < 0.95)
      #expect(comparison.powerReduction > 0.2 && comparison.powerReduction < 0.95)
      #expect(comparison.transistorReduction > 0.2 && comparison.transistorReduction < 0.95)
      #expect(comparison.embedded.transistors < comparison.generic.transistors)
    }
    // The embedded multiplier computes -2x.
    let embedded = try Generators.multiplier(activationBits: 2, weightBits: 2).embedding(["w": -2])
    #expect(try embedded.evaluate(["x": [-2, -1, 0, 1]])["p"] == [4, 2, 0, -2])
  }
}
