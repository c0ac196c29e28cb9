import Testing
@testable import Hardware

@Suite struct TimingTests {
  let library = CellLibrary.cmos45nm

  /// a -> INV -> INV -> INV -> y.
  func inverterChain() -> MappedNetlist {
    MappedNetlist(
      library: library,
      instances: [
        .init(kind: .inv, inputs: [2], outputs: [3]), .init(kind: .inv, inputs: [3], outputs: [4]),
        .init(kind: .inv, inputs: [4], outputs: [5]),
      ],
      netCount: 6, inputNets: [2], inputNames: ["a"], outputNets: [5], outputNames: ["y"],
      inputPorts: [Port(name: "a", bits: [0], isSigned: false)], outputPorts: [Port(name: "y", bits: [0], isSigned: false)])
  }

  @Test func inverterChainDelayByHand() {
    // Each inner inverter drives one inverter pin (1) and its wire (0.5): d = 1 + 1.5 tau.
    // The last drives the primary-output load (4): d = 1 + 4 tau. Total 10 tau = 30 ps.
    let timing = inverterChain().staticTiming()
    #expect(abs(timing.criticalDelay - 10 * library.tau) < 1e-18)
    #expect(timing.criticalPath == [2, 3, 4, 5])
  }

  @Test func fullAdderDelayByHand() {
    let netlist = MappedNetlist(
      library: library, instances: [.init(kind: .fullAdder, inputs: [2, 3, 4], outputs: [5, 6])], netCount: 7,
      inputNets: [2, 3, 4], inputNames: ["a", "b", "c"], outputNets: [5, 6], outputNames: ["s", "co"],
      inputPorts: [], outputPorts: [])
    let timing = netlist.staticTiming()
    // Sum: p 11 + load 4 = 15 tau; carry: p 6 + load 4 = 10 tau.
    #expect(abs(timing.outputArrivals[0] - 15 * library.tau) < 1e-18)
    #expect(abs(timing.outputArrivals[1] - 10 * library.tau) < 1e-18)
    #expect(abs(timing.criticalDelay - 45e-12) < 1e-18)
  }

  @Test func sensitisedDelayOfTheChain() throws {
    let chain = inverterChain()
    let rising = try chain.switching(["a": [0, 1, 1]], counting: .inertial)
    #expect(rising.settleTimes.count == 2)
    #expect(abs(rising.settleTimes[0] - 10 * library.tau) < 1e-15)
    // No input change: nothing settles later than time 0.
    #expect(rising.settleTimes[1] == 0)
  }

  @Test func glitchesAreCountedOnlyWithGateDelays() throws {
    // y = a XOR (a delayed by two inverters): logically 0, but a pulse follows every edge of a.
    let netlist = MappedNetlist(
      library: library,
      instances: [
        .init(kind: .inv, inputs: [2], outputs: [3]), .init(kind: .inv, inputs: [3], outputs: [4]),
        .init(kind: .xor2, inputs: [2, 4], outputs: [5]),
      ],
      netCount: 6, inputNets: [2], inputNames: ["a"], outputNets: [5], outputNames: ["y"],
      inputPorts: [Port(name: "a", bits: [0], isSigned: false)], outputPorts: [Port(name: "y", bits: [0], isSigned: false)])
    let stream = ["a": [0, 1, 0, 1]]
    let zeroDelay = try netlist.switching(stream, counting: .zeroDelay)
    let transport = try netlist.switching(stream, counting: .transport)
    let inertial = try netlist.switching(stream, counting: .inertial)
    #expect(zeroDelay.toggles[5] == 0)
    #expect(transport.toggles[5] == 6)
    // The pulse ends when the delayed input arrives: the first inverter drives a pin and a
    // wire (1 + 1.5 tau), the second the XOR pin and a wire (1 + 3.5 tau), then the XOR
    // drives the output load (7 + 4 tau): 2.5 + 4.5 + 11 = 18 tau.
    #expect(abs(transport.settleTimes[0] - 18 * library.tau) < 1e-15)
    // The XOR's inputs differ for 7 tau only, less than its 11 tau delay: inertial delays
    // swallow the pulse.
    #expect(inertial.toggles[5] == 0)
    #expect(inertial.settleTimes[0] == 0)
  }

  @Test func inertialDelaysPassPulsesLongerThanTheCell() throws {
    // y = a XOR (a delayed by six inverters): the inputs differ for 2.5 + 4 * 2.5 + 4.5 = 17
    // tau, more than the XOR's 11 tau: the pulse survives inertial filtering.
    var instances: [MappedNetlist.Instance] = (0..<6).map { .init(kind: .inv, inputs: [2 + $0], outputs: [3 + $0]) }
    instances.append(.init(kind: .xor2, inputs: [2, 8], outputs: [9]))
    let netlist = MappedNetlist(
      library: library, instances: instances, netCount: 10, inputNets: [2], inputNames: ["a"], outputNets: [9],
      outputNames: ["y"], inputPorts: [Port(name: "a", bits: [0], isSigned: false)],
      outputPorts: [Port(name: "y", bits: [0], isSigned: false)])
    let inertial = try netlist.switching(["a": [0, 1]], counting: .inertial)
    #expect(inertial.toggles[9] == 2)
    #expect(abs(inertial.settleTimes[0] - (17 + 11) * library.tau) < 1e-15)
  }

  @Test func sensitisedDelaysNeverExceedTheStaticBound() throws {
    let netlist = try Generators.rippleCarryAdder(width: 8, signed: false).mapped(to: library)
    var random = TestRandom(seed: 5)
    let report = try netlist.switching(
      ["a": random.ints(300, in: 0...255), "b": random.ints(300, in: 0...255)], counting: .inertial)
    let bound = netlist.staticTiming().criticalDelay
    #expect(report.worstSettleTime <= bound * (1 + 1e-3))
    // Carry ripple from bit 0 to the top: 255 + 0 -> 255 + 1 sensitises the longest chain.
    let chain = try netlist.switching(["a": [255, 255], "b": [0, 1]], counting: .inertial)
    #expect(chain.worstSettleTime > 0.6 * bound)
  }
}
