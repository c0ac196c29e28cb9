import Testing
@testable import Hardware

/// The word-parallel timing simulation against a plain event-driven simulation of one
/// transition at a time (a time-ordered event list per lane, scalar values): both must count
/// the same toggles on every net and find the same settle time for every transition, with
/// transport and with inertial delays.
@Suite struct TransitionSimulatorReferenceTests {
  let library = CellLibrary.cmos45nm

  /// One transition simulated alone: toggles per net and the step at which the outputs settled.
  func reference(
    _ simulator: TransitionSimulator, from: [Bool], to: [Bool]
  ) -> (toggles: [Int], settle: Int) {
    let netlist = simulator.netlist
    let inertial = simulator.delayModel == .inertial
    var value = [Bool](repeating: false, count: netlist.netCount)
    value[1] = true
    for (i, net) in netlist.inputNets.enumerated() { value[net] = from[i] }
    for instance in netlist.instances {
      let bits = instance.inputs.map { value[$0] ? ~UInt64(0) : 0 } + [0, 0, 0]
      for (o, net) in instance.outputs.enumerated() {
        value[net] = MappedNetlist.evaluate(instance.kind, output: o, bits[0], bits[1], bits[2]) & 1 == 1
      }
    }
    var projected = value
    var pending: [Int: [(net: Int, value: Bool)]] = [:]
    var pendingTimes = [[Int]](repeating: [], count: netlist.netCount)
    var toggles = [Int](repeating: 0, count: netlist.netCount)
    var settle = 0
    var readers = [[Int]](repeating: [], count: netlist.netCount)
    for (index, instance) in netlist.instances.enumerated() {
      for net in Set(instance.inputs) { readers[net].append(index) }
    }
    for (i, net) in netlist.inputNets.enumerated() where from[i] != to[i] {
      pending[0, default: []].append((net, to[i]))
      pendingTimes[net].append(0)
      projected[net] = to[i]
    }
    while let t = pending.keys.min() {
      var changed: Set<Int> = []
      for event in pending.removeValue(forKey: t)! {
        pendingTimes[event.net].removeAll { $0 == t }
        if value[event.net] != event.value {
          value[event.net] = event.value
          toggles[event.net] += 1
          changed.insert(event.net)
          if netlist.outputNets.contains(event.net) { settle = t }
        }
      }
      let cells = Set(changed.flatMap { readers[$0] }).sorted()
      for index in cells {
        let instance = netlist.instances[index]
        let bits = instance.inputs.map { value[$0] ? ~UInt64(0) : 0 } + [0, 0, 0]
        for (o, net) in instance.outputs.enumerated() {
          let word = MappedNetlist.evaluate(instance.kind, output: o, bits[0], bits[1], bits[2]) & 1 == 1
          if word == projected[net] { continue }
          projected[net] = word
          if inertial && word == value[net] {
            // The output returns to its present value before a pending change: cancel it.
            for time in pendingTimes[net] { pending[time]?.removeAll { $0.net == net } }
            pendingTimes[net] = []
            continue
          }
          let due = t + Int(simulator.delay[net])
          pending[due, default: []].append((net, word))
          pendingTimes[net].append(due)
        }
      }
    }
    return (toggles, settle)
  }

  func check(_ netlist: MappedNetlist, seed: UInt64) {
    var random = TestRandom(seed: seed)
    let inputs = netlist.inputNets.count
    let from = (0..<inputs).map { _ in random.next() }
    // Some lanes keep some inputs: flip each input in about half the lanes.
    let to = from.map { $0 ^ random.next() }
    for model in DelayModel.allCases {
      let simulator = TransitionSimulator(netlist, delayModel: model)
      var toggles = [Int](repeating: 0, count: netlist.netCount)
      let settle = simulator.run(from: from, to: to, toggles: &toggles)
      var expected = [Int](repeating: 0, count: netlist.netCount)
      for lane in 0..<64 {
        let bit = { (word: UInt64) in (word >> UInt64(lane)) & 1 == 1 }
        let (laneToggles, laneSettle) = reference(simulator, from: from.map(bit), to: to.map(bit))
        for net in 0..<netlist.netCount { expected[net] += laneToggles[net] }
        #expect(Int(settle[lane]) == laneSettle, "\(model), lane \(lane)")
      }
      #expect(toggles == expected, "\(model)")
    }
  }

  @Test func rippleCarryAdder() throws {
    check(try Generators.rippleCarryAdder(width: 6, signed: false).mapped(to: library), seed: 1)
  }

  @Test func signedMultiplier() throws {
    check(try Generators.multiplier(activationBits: 4, weightBits: 4).mapped(to: library), seed: 2)
  }

  @Test func multiplyAccumulate() throws {
    let mac = try Generators.mac(MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10))
    check(mac.mapped(to: library), seed: 3)
  }

  @Test func constantMultiplier() throws {
    let generic = try Generators.multiplier(activationBits: 5, weightBits: 5)
    check(try generic.embedding(["w": -11]).mapped(to: library), seed: 4)
  }
}
