import Testing
@testable import Hardware

@Suite struct MACDelayTableTests {
  let netlist: MappedNetlist

  init() throws {
    netlist = try Generators.mac(MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10)).mapped()
  }

  @Test func tabulatesEveryTransition() throws {
    let activations = Array(-8...7)
    let table = try MACDelayTable.characterize(netlist, weight: 5, activations: activations, accumulator: 3)
    #expect(table.delays.count == 256)
    // Staying put settles at once; a change that moves the product settles later.
    for a in activations { #expect(table.delay(from: a, to: a) == 0) }
    #expect(try #require(table.delay(from: 0, to: 1)) > 0)
    #expect(table.worst <= netlist.staticTiming().criticalDelay * (1 + 1e-3))
    #expect(table.worst(among: [0, 1]) == max(table.delay(from: 0, to: 1)!, table.delay(from: 1, to: 0)!))
    #expect(table.worst(among: activations) == table.worst)
    #expect(table.worstPerActivation.max() == table.worst)
    // Each entry agrees with simulating that one transition on its own.
    let single = try netlist.switching(["x": [-3, 6], "w": [5, 5], "acc": [3, 3]], counting: .inertial)
    #expect(single.settleTimes[0] == table.delay(from: -3, to: 6))
  }

  @Test func aZeroWeightSensitisesNothing() throws {
    let table = try MACDelayTable.characterize(netlist, weight: 0, activations: Array(-8...7))
    #expect(table.worst == 0)
  }

  @Test func rejectsAnEmptyActivationList() {
    #expect(throws: LogicError.self) { try MACDelayTable.characterize(netlist, weight: 1, activations: []) }
  }
}
