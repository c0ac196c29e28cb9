/// How a cell output follows its inputs in time.
public enum DelayModel: String, Sendable, CaseIterable {
  /// The output at `t + d` is the cell's function of its inputs at `t`: every pulse,
  /// however short, propagates (an upper bound on glitching).
  case transport
  /// As transport, but a pending output change is cancelled when the inputs return before
  /// it happens: pulses shorter than the cell's delay are swallowed.
  case inertial
}

/// Event-driven simulation with gate delays of 64 input transitions at once.
///
/// Each lane of a 64-bit word follows its own transition from vector A to vector B. The
/// circuit starts settled at A; at time 0 the primary inputs switch to B. Events are
/// processed in time order; an event changes some lanes of one net. Every cell output
/// follows its inputs after its delay, with transport or inertial semantics, so glitches
/// propagate (or are filtered) and are counted. Delays are `p + C_load` tau rounded to
/// `resolution` tau. Because all lanes share one event queue, lanes that switch the same
/// paths share events.
public struct TransitionSimulator: Sendable {
  /// The simulated netlist.
  public let netlist: MappedNetlist
  /// The time step, in tau.
  public let resolution: Double
  /// Transport or inertial delays.
  public let delayModel: DelayModel
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

  /// Prepares the netlist for simulation with delays rounded to `resolution` tau.
  public init(_ netlist: MappedNetlist, resolution: Double = 0.01, delayModel: DelayModel = .inertial) {
    precondition(resolution > 0, "the time step must be positive")
    self.netlist = netlist
    self.resolution = resolution
    self.delayModel = delayModel
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
  /// per-lane settle times, in steps, are returned.
  public func run(from: [UInt64], to: [UInt64], toggles: inout [Int]) -> [Int32] {
    let workspace = Workspace(self)
    var settle = [Int32](repeating: 0, count: 64)
    workspace.run(self, from: from, to: to, toggles: &toggles, settle: &settle)
    return settle
  }

  /// Steady-state values of every net for the given input words (zero-delay evaluation).
  func settle(_ v: UnsafeMutableBufferPointer<UInt64>, inputs: [UInt64]) {
    v[0] = 0
    v[1] = ~0
    for (i, net) in netlist.inputNets.enumerated() { v[net] = inputs[i] }
    pins.withUnsafeBufferPointer { p in
      outs.withUnsafeBufferPointer { o in
        for i in 0..<kinds.count {
          let a = v[Int(p[i * 3])], b = v[Int(p[i * 3 + 1])], c = v[Int(p[i * 3 + 2])]
          v[Int(o[i * 2])] = MappedNetlist.evaluate(kinds[i], output: 0, a, b, c)
          let second = o[i * 2 + 1]
          if second >= 0 { v[Int(second)] = MappedNetlist.evaluate(kinds[i], output: 1, a, b, c) }
        }
      }
    }
  }

  /// Reusable buffers for repeated runs: net values, an event calendar (one linked list of
  /// events per time step, found through a bitmap of occupied steps), cell stamps. Raw
  /// buffers keep the inner loop free of reference counting and uniqueness checks.
  final class Workspace {
    let nets: Int
    let cells: Int
    let steps: Int
    let value: UnsafeMutablePointer<UInt64>
    let projected: UnsafeMutablePointer<UInt64>
    let counts: UnsafeMutablePointer<Int>
    let stamp: UnsafeMutablePointer<UInt32>
    let head: UnsafeMutablePointer<Int32>
    let occupied: UnsafeMutablePointer<UInt64>
    let blocks: Int
    var generation: UInt32 = 0
    var capacity: Int
    var eventCount = 0
    var eventNext: UnsafeMutablePointer<Int32>
    var eventNet: UnsafeMutablePointer<Int32>
    var eventWord: UnsafeMutablePointer<UInt64>
    var eventMask: UnsafeMutablePointer<UInt64>
    var eventTime: UnsafeMutablePointer<Int32>
    var eventPrevious: UnsafeMutablePointer<Int32>
    /// The latest event scheduled on each net (pending or not), for inertial cancellation.
    let lastEvent: UnsafeMutablePointer<Int32>
    let affected: UnsafeMutablePointer<Int32>

    /// Buffers sized for `simulator`'s netlist.
    init(_ simulator: TransitionSimulator) {
      nets = simulator.netlist.netCount
      cells = simulator.netlist.instances.count
      steps = simulator.horizon + 1
      blocks = simulator.horizon / 64 + 1
      value = .allocate(capacity: nets)
      projected = .allocate(capacity: nets)
      counts = .allocate(capacity: nets)
      counts.initialize(repeating: 0, count: nets)
      stamp = .allocate(capacity: max(1, cells))
      stamp.initialize(repeating: 0, count: max(1, cells))
      head = .allocate(capacity: steps)
      head.initialize(repeating: -1, count: steps)
      occupied = .allocate(capacity: blocks)
      occupied.initialize(repeating: 0, count: blocks)
      capacity = max(64, 4 * nets)
      eventNext = .allocate(capacity: capacity)
      eventNet = .allocate(capacity: capacity)
      eventWord = .allocate(capacity: capacity)
      eventMask = .allocate(capacity: capacity)
      eventTime = .allocate(capacity: capacity)
      eventPrevious = .allocate(capacity: capacity)
      lastEvent = .allocate(capacity: nets)
      lastEvent.initialize(repeating: -1, count: nets)
      affected = .allocate(capacity: max(1, cells))
    }

    deinit {
      value.deallocate()
      projected.deallocate()
      counts.deallocate()
      stamp.deallocate()
      head.deallocate()
      occupied.deallocate()
      eventNext.deallocate()
      eventNet.deallocate()
      eventWord.deallocate()
      eventMask.deallocate()
      eventTime.deallocate()
      eventPrevious.deallocate()
      lastEvent.deallocate()
      affected.deallocate()
    }

    /// One word of transitions: toggles are added per net, settle times (in steps) written per lane.
    func run(_ sim: TransitionSimulator, from: [UInt64], to: [UInt64], toggles: inout [Int], settle: inout [Int32]) {
      sim.settle(UnsafeMutableBufferPointer(start: value, count: nets), inputs: from)
      projected.update(from: value, count: nets)
      for k in 0..<64 { settle[k] = 0 }
      eventCount = 0
      lastEvent.update(repeating: -1, count: nets)
      let inertial = sim.delayModel == .inertial
      for (i, net) in sim.netlist.inputNets.enumerated() where to[i] != from[i] {
        schedule(0, Int32(net), to[i], mask: to[i] ^ from[i])
        projected[net] = to[i]
      }
      sim.fanoutStart.withUnsafeBufferPointer { fanoutStart in
      sim.fanoutList.withUnsafeBufferPointer { fanoutList in
      sim.pins.withUnsafeBufferPointer { pins in
      sim.outs.withUnsafeBufferPointer { outs in
      sim.kinds.withUnsafeBufferPointer { kinds in
      sim.delay.withUnsafeBufferPointer { delay in
      sim.isOutput.withUnsafeBufferPointer { isOutput in
        var block = 0
        while block < blocks {
          let bits = occupied[block]
          if bits == 0 {
            block += 1
            continue
          }
          let t = block * 64 + bits.trailingZeroBitCount
          occupied[block] &= bits - 1
          // A new generation per time step marks the cells already queued at this step.
          if generation == UInt32.max {
            stamp.update(repeating: 0, count: cells)
            generation = 0
          }
          generation += 1
          var affectedCount = 0
          var e = head[t]
          head[t] = -1
          while e >= 0 {
            let net = Int(eventNet[Int(e)])
            let diff = (value[net] ^ eventWord[Int(e)]) & eventMask[Int(e)]
            e = eventNext[Int(e)]
            if diff == 0 { continue }
            value[net] ^= diff
            counts[net] &+= diff.nonzeroBitCount
            if isOutput[net] {
              var lanes = diff
              while lanes != 0 {
                settle[lanes.trailingZeroBitCount] = Int32(t)
                lanes &= lanes - 1
              }
            }
            for f in Int(fanoutStart[net])..<Int(fanoutStart[net + 1]) {
              let instance = Int(fanoutList[f])
              if stamp[instance] != generation {
                stamp[instance] = generation
                affected[affectedCount] = Int32(instance)
                affectedCount += 1
              }
            }
          }
          for k in 0..<affectedCount {
            let i = Int(affected[k])
            let a = value[Int(pins[i * 3])], b = value[Int(pins[i * 3 + 1])], c = value[Int(pins[i * 3 + 2])]
            for o in 0..<2 {
              let net = outs[i * 2 + o]
              if net < 0 { break }
              let word = MappedNetlist.evaluate(kinds[i], output: o, a, b, c)
              let n = Int(net)
              var changed = word ^ projected[n]
              if changed == 0 { continue }
              if inertial {
                // Lanes returning to the present value before their pending change
                // happened: cancel that change (the pulse is shorter than the delay).
                let revert = changed & ~(word ^ value[n])
                if revert != 0 {
                  var pending = lastEvent[n]
                  while pending >= 0 && Int(eventTime[Int(pending)]) > t {
                    eventMask[Int(pending)] &= ~revert
                    pending = eventPrevious[Int(pending)]
                  }
                  projected[n] ^= revert
                  changed &= ~revert
                  if changed == 0 { continue }
                }
              }
              projected[n] = word
              schedule(t + Int(delay[n]), net, word, mask: changed)
            }
          }
        }
      }
      }
      }
      }
      }
      }
      }
      for net in 0..<nets where counts[net] != 0 {
        toggles[net] += counts[net]
        counts[net] = 0
      }
    }

    func schedule(_ t: Int, _ net: Int32, _ word: UInt64, mask: UInt64) {
      if eventCount == capacity { grow() }
      eventNext[eventCount] = head[t]
      eventNet[eventCount] = net
      eventWord[eventCount] = word
      eventMask[eventCount] = mask
      eventTime[eventCount] = Int32(t)
      eventPrevious[eventCount] = lastEvent[Int(net)]
      lastEvent[Int(net)] = Int32(eventCount)
      head[t] = Int32(eventCount)
      eventCount += 1
      occupied[t >> 6] |= 1 << UInt64(t & 63)
    }

    func grow() {
      let bigger = capacity * 2
      eventMask = Workspace.resized(eventMask, from: capacity, to: bigger)
      eventTime = Workspace.resized(eventTime, from: capacity, to: bigger)
      eventPrevious = Workspace.resized(eventPrevious, from: capacity, to: bigger)
      let next = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
      next.update(from: eventNext, count: capacity)
      eventNext.deallocate()
      eventNext = next
      let netBuffer = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
      netBuffer.update(from: eventNet, count: capacity)
      eventNet.deallocate()
      eventNet = netBuffer
      let words = UnsafeMutablePointer<UInt64>.allocate(capacity: bigger)
      words.update(from: eventWord, count: capacity)
      eventWord.deallocate()
      eventWord = words
      capacity = bigger
    }

    static func resized<T>(_ buffer: UnsafeMutablePointer<T>, from old: Int, to new: Int) -> UnsafeMutablePointer<T> {
      let bigger = UnsafeMutablePointer<T>.allocate(capacity: new)
      bigger.update(from: buffer, count: old)
      buffer.deallocate()
      return bigger
    }
  }
}
