import Foundation
import Testing
@testable import Hardware

@Suite struct NLDMTimingTests {
  @Test func bilinearInterpolationByHand() {
    // slews 1, 2; loads 10, 20; values [[1, 2], [3, 5]] (row per slew).
    let table = NLDMTable(slews: [1, 2], loads: [10, 20], values: [1, 2, 3, 5])
    #expect(table.value(slew: 1, load: 10) == 1)
    #expect(table.value(slew: 2, load: 20) == 5)
    // Midway: 1.5 at slew 1, 4 at slew 2 -> 2.75.
    #expect(abs(table.value(slew: 1.5, load: 15) - 2.75) < 1e-12)
    // Extrapolated past the slew axis along the edge: 3 + (3 - 1) = 5.
    #expect(abs(table.value(slew: 3, load: 10) - 5) < 1e-12)
    // Below both axes: 2 * (-1 * 1 + 2 * 2) - (-1 * 3 + 2 * 5) = -1.
    #expect(abs(table.value(slew: 0, load: 30) - -1) < 1e-12)
    // A one-point axis is constant along it.
    let flat = NLDMTable(slews: [0], loads: [10, 20], values: [4, 8])
    #expect(flat.value(slew: 123, load: 15) == 6)
  }

  static func tiny(_ assumptions: LibertyAssumptions = .abc) throws -> CellLibrary {
    var a = assumptions
    a.primaryInputSlew = 0.1e-9
    return try CellLibrary.liberty(LibertyFiles.small, file: "tiny.lib", assumptions: a)
  }

  /// a -> INV -> INV -> y on the small library, no wire load, unloaded output.
  static func chain(_ library: CellLibrary) -> MappedNetlist {
    MappedNetlist(
      library: library,
      instances: [.init(kind: .inv, inputs: [2], outputs: [3]), .init(kind: .inv, inputs: [3], outputs: [4])],
      netCount: 5, inputNets: [2], inputNames: ["a"], outputNets: [4], outputNames: ["y"],
      inputPorts: [Port(name: "a", bits: [0], isSigned: false)], outputPorts: [Port(name: "y", bits: [0], isSigned: false)])
  }

  @Test func inverterChainRiseAndFallByHand() throws {
    let timing = Self.chain(try Self.tiny()).staticTiming()
    // First inverter, load 10 fF (the second's pin), input slew 0.1 ns: a falling input
    // gives a rise after cell_rise(0.1 ns, 0.01 pF) = 0.1 ns. The second inverter is
    // unloaded (0 pF, extrapolated below 0.01 pF): cell_fall(0.1 ns, 0) = 0.05 - 0.2 / 9 ns.
    let expected = 0.1e-9 + (0.05 - 0.2 / 9) * 1e-9
    #expect(abs(timing.criticalDelay - expected) < 1e-15)
    #expect(timing.steps.map(\.cell) == ["INV", "INV"])
    #expect(timing.steps.map(\.edge) == [.rise, .fall])
    #expect(abs(timing.steps[0].delay - 0.1e-9) < 1e-15)
    #expect(abs(timing.steps[0].slew - 0.1e-9) < 1e-15)
    #expect(abs(timing.steps[0].load - 10e-15) < 1e-24)
    // The other edge: rise at y after 0.05 ns + cell_rise(0.08 ns, 0) (both axes extrapolated).
    let s = (0.08 - 0.1) / 0.9, l = -0.01 / 0.09
    let rise = 0.05 + (1 - s) * ((1 - l) * 0.1 + l * 0.3) + s * ((1 - l) * 0.2 + l * 0.5)
    #expect(abs(timing.criticalDelay - rise * 1e-9) > 1e-12, "negative control: the rising edge is not the critical one")
    #expect(timing.criticalPath == [2, 3, 4])
    #expect(!timing.pathDescription.isEmpty)
  }

  @Test func wireLoadAndOutputLoadSlowTheChain() throws {
    var loaded = LibertyAssumptions.abc
    loaded.wireCapacitancePerFanout = 5e-15
    loaded.primaryOutputLoad = 20e-15
    let slow = Self.chain(try Self.tiny(loaded)).staticTiming().criticalDelay
    let fast = Self.chain(try Self.tiny()).staticTiming().criticalDelay
    #expect(slow > fast)
  }
}
