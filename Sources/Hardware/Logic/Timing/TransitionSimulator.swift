/// Event-driven simulation with gate delays of 64 input transitions at once.
///
/// Each lane of a 64-bit word follows its own transition from vector A to vector B. The
/// circuit starts settled at A; at time 0 the primary inputs switch to B. Events are
/// processed in time order; an event is a net taking a new word (some lanes change). Every
/// cell output follows its inputs after its delay with transport semantics (each cell
/// output at time `t + d` is its function of the inputs at time `t`), so glitches
/// propagate and are counted. Delays are `p + C_load` tau rounded to `resolution` tau.
/// Because all lanes share one event queue, lanes that switch the same paths share events.
public struct TransitionSimulator {
  /// The simulated netlist.
  public let netlist: MappedNetlist
  /// The time step, in tau.
  public let resolution: Double
  /// The delay of each cell-driven net, in steps.
  let delay: [Int32]
  /// Fanout instances of each net, as compressed rows.
  let fanoutStart: [Int32]
  let fanoutList: [Int32]
  /// Per instance: kind, three input nets (unused pins read net 0), two output nets (-1 unused).
  let kinds: [CellKind]
  let pins: [Int32]
  let outs: [Int32]
  /// Whether each net is a primary output.
  let isOutput: [Bool]
  /// The latest time any event can happen, in steps.
  public let horizon: Int

  /// The outcome of simulating one word of transitions.
  public struct Result {
    /// Lanes-summed toggles of every net (glitches included).
    public var toggles: [Int]
    /// The time, in steps, of the last change on any primary output per lane (0 if none).
    public var settle: [Int32]
  }

  /// Prepares the netlist for simulation with delays rounded to `resolution` tau.
  public init(_ netlist: MappedNetlist, resolution: Double = 0.01) {
    precondition(resolution > 0, "the time step must be positive")
    self.netlist = netlist
    self.resolution = resolution
    var delay = [Int32](repeating: 0, count: netlist.netCount)
    for net in 0..<netlist.netCount {
      if case .cell = netlist.drivers[net] {
        delay[net] = Int32(max(1, (netlist.cellDelay(of: net) / resolution).rounded()))
      }
    }
    self.delay = delay
    var counts = [Int32](repeating: 0, count: netlist.netCount + 1)
    for instance in netlist.instances {
      for net in Set(instance.inputs) { counts[net + 1] += 1 }
    }
    for i in 0..<netlist.netCount { counts[i + 1] += counts[i] }
    var list = [Int32](repeating: 0, count: Int(counts[netlist.netCount]))
    var fill = counts
    for (index, instance) in netlist.instances.enumerated() {
      for net in Set(instance.inputs) {
        list[Int(fill[net])] = Int32(index)
        fill[net] += 1
      }
    }
    fanoutStart = counts
    fanoutList = list
    kinds = netlist.instances.map(\.kind)
    var pins = [Int32](repeating: 0, count: netlist.instances.count * 3)
    var outs = [Int32](repeating: -1, count: netlist.instances.count * 2)
    for (index, instance) in netlist.instances.enumerated() {
      for (k, net) in instance.inputs.enumerated() { pins[index * 3 + k] = Int32(net) }
      for (k, net) in instance.outputs.enumerated() { outs[index * 2 + k] = Int32(net) }
    }
    self.pins = pins
    self.outs = outs
    var isOutput = [Bool](repeating: false, count: netlist.netCount)
    for net in netlist.outputNets { isOutput[net] = true }
    self.isOutput = isOutput
    // Latest event: the longest path in steps.
    var latest = [Int](repeating: 0, count: netlist.netCount)
    for instance in netlist.instances {
      let start = instance.inputs.map { latest[$0] }.max() ?? 0
      for net in instance.outputs { latest[net] = start + Int(delay[net]) }
    }
    horizon = latest.max() ?? 0
  }

  /// Simulates 64 transitions: `from[i]` and `to[i]` are the words of primary input `i`
  /// before and after time 0. Toggles are added into `toggles` (one entry per net); the
  /// per-lane settle times are returned.
  public func run(from: [UInt64], to: [UInt64], toggles: inout [Int]) -> [Int32] {
    var state = Workspace(self)
    return state.run(self, from: from, to: to, toggles: &toggles)
  }

  /// Reusable buffers for repeated runs.
  public struct Workspace {
    var value: [UInt64]
    var projected: [UInt64]
    var stamp: [Int32]
    var bucketNets: [[Int32]]
    var bucketWords: [[UInt64]]
    var occupied: [UInt64]
    var affected: [Int32] = []

    /// Buffers sized for `simulator`'s netlist.
    public init(_ simulator: TransitionSimulator) {
      let n = simulator.netlist.netCount
      value = [UInt64](repeating: 0, count: n)
      projected = value
      stamp = [Int32](repeating: -1, count: simulator.netlist.instances.count)
      bucketNets = [[Int32]](repeating: [], count: simulator.horizon + 1)
      bucketWords = [[UInt64]](repeating: [], count: simulator.horizon + 1)
      occupied = [UInt64](repeating: 0, count: simulator.horizon / 64 + 1)
    }

    /// One word of transitions (see `TransitionSimulator.run`).
    public mutating func run(
      _ sim: TransitionSimulator, from: [UInt64], to: [UInt64], toggles: inout [Int]
    ) -> [Int32] {
      let netlist = sim.netlist
      value.withUnsafeMutableBufferPointer { v in netlist.fill(v, inputWord: { from[$0] }) }
      projected = value
      for i in stamp.indices { stamp[i] = -1 }
      var settle = [Int32](repeating: 0, count: 64)
      for (i, net) in netlist.inputNets.enumerated() where to[i] != from[i] {
        schedule(0, Int32(net), to[i])
        projected[net] = to[i]
      }
      var block = 0
      while block < occupied.count {
        let bits = occupied[block]
        if bits == 0 {
          block += 1
          continue
        }
        let t = block * 64 + bits.trailingZeroBitCount
        occupied[block] &= bits - 1
        // Apply every change due now, then evaluate each affected cell once.
        affected.removeAll(keepingCapacity: true)
        let nets = bucketNets[t], words = bucketWords[t]
        bucketNets[t].removeAll(keepingCapacity: true)
        bucketWords[t].removeAll(keepingCapacity: true)
        for k in 0..<nets.count {
          let net = Int(nets[k])
          let diff = value[net] ^ words[k]
          if diff == 0 { continue }
          value[net] = words[k]
          toggles[net] += diff.nonzeroBitCount
          if sim.isOutput[net] {
            var lanes = diff
            while lanes != 0 {
              settle[lanes.trailingZeroBitCount] = Int32(t)
              lanes &= lanes - 1
            }
          }
          for f in Int(sim.fanoutStart[net])..<Int(sim.fanoutStart[net + 1]) {
            let instance = sim.fanoutList[f]
            if stamp[Int(instance)] != Int32(t) {
              stamp[Int(instance)] = Int32(t)
              affected.append(instance)
            }
          }
        }
        for instance in affected {
          let i = Int(instance)
          let a = value[Int(sim.pins[i * 3])], b = value[Int(sim.pins[i * 3 + 1])], c = value[Int(sim.pins[i * 3 + 2])]
          for o in 0..<2 {
            let net = sim.outs[i * 2 + o]
            if net < 0 { break }
            let word = MappedNetlist.evaluate(sim.kinds[i], output: o, a, b, c)
            if word != projected[Int(net)] {
              projected[Int(net)] = word
              schedule(t + Int(sim.delay[Int(net)]), net, word)
            }
          }
        }
      }
      return settle
    }

    mutating func schedule(_ t: Int, _ net: Int32, _ word: UInt64) {
      bucketNets[t].append(net)
      bucketWords[t].append(word)
      occupied[t >> 6] |= 1 << UInt64(t & 63)
    }
  }
}
