import Hardware
import Testing

@testable import Techniques

@Suite struct LogicDesignExamplesTests {
  /// The talk's examples measured on the 45 nm library: the figures recorded once from this code
  /// (integer counts exactly; delays, a sum of logical-effort terms, and energies from a seeded
  /// event-driven simulation with no BLAS, to 1e-9: they do not depend on the CPU). A change to
  /// the mapper, the timing or the power model shows here and must be looked at.
  @Test func talkExamplesMeasureTheRecordedFigures() throws {
    let multiplier = try LogicDesignExamples.multiplier()
    #expect(multiplier.generic.andNodes == 13 && multiplier.embedded.andNodes == 4)
    #expect(multiplier.generic.transistors == 66 && multiplier.embedded.transistors == 20)
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }
    #expect(close(multiplier.generic.criticalDelay, 79e-12), "\(multiplier.generic.criticalDelay)")
    #expect(close(multiplier.embedded.criticalDelay, 46.5e-12), "\(multiplier.embedded.criticalDelay)")
    #expect(close(multiplier.generic.energyPerOperation, 0.006954830667201568e-12), "\(multiplier.generic.energyPerOperation)")
    #expect(close(multiplier.embedded.energyPerOperation, 0.00327944528994646e-12), "\(multiplier.embedded.energyPerOperation)")
    let mac = try LogicDesignExamples.mac()
    #expect(close(mac.delayReduction, 0.7605321507760532), "\(mac.delayReduction)")
    #expect(close(mac.powerReduction, 0.7780049111908979), "\(mac.powerReduction)")
    #expect(Double(mac.embedded.transistors) * 89 == Double(mac.generic.transistors) * 9, "\(mac.embedded.transistors) of \(mac.generic.transistors)")
    // Every reduction points the way the talk's does.
    for comparison in [multiplier, mac] {
      #expect(comparison.delayReduction > 0 && comparison.powerReduction > 0 && comparison.transistorReduction > 0)
      // Static timing bounds the simulated settle time (to the simulator's 0.01-tau rounding).
      for circuit in [comparison.generic, comparison.embedded] {
        #expect(circuit.worstSensitisedDelay <= circuit.criticalDelay + 0.05 * CellLibrary.cmos45nm.tau)
      }
    }
  }

  /// The embedded circuits compute what they stand for, on every input.
  @Test func embeddedCircuitsComputeTheirFunctions() throws {
    let embedded = try Generators.multiplier(activationBits: 2, weightBits: 2).embedding(["w": -2])
    #expect(try embedded.evaluate(["x": [-2, -1, 0, 1]])["p"] == [4, 2, 0, -2])
    let configuration = NeuronConfiguration(
      activationBits: 2, activationSigned: true, weightBits: 2, biasBits: 1, outputBits: 4, relu: false)
    let mac = try Generators.neuron(inputs: 2, configuration: configuration).embedding(["w0": -2, "w1": 1, "b": 0])
    let x0 = (-2...1).flatMap { a in Array(repeating: a, count: 4) }
    let x1 = Array((0..<4).map { _ in Array(-2...1) }.joined())
    let y = try #require(try mac.mapped().evaluate(["x0": x0, "x1": x1])["y"])
    #expect(y == zip(x0, x1).map { -2 * $0 + $1 })
  }
}
