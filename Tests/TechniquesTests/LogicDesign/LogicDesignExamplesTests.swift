import Hardware
import Testing

@testable import Techniques

@Suite struct LogicDesignExamplesTests {
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
