/// How a cell output follows its inputs in time.
public enum DelayModel: String, Sendable, CaseIterable {
  /// The output at `t + d` is the cell's function of its inputs at `t`: every pulse,
  /// however short, propagates (an upper bound on glitching).
  case transport
  /// As transport, but a pending output change is cancelled when the inputs return before
  /// it happens: pulses shorter than the cell's delay are swallowed.
  case inertial
}

/// Timing simulation with gate delays of 64 input transitions at once.
///
/// Each lane of a 64-bit word follows its own transition from vector A to vector B. The
/// circuit starts settled at A; at time 0 the primary inputs switch to B. Every cell output
/// follows its inputs after its delay, with transport or inertial semantics, so glitches
/// propagate (or are filtered) and are counted. Delays are each cell output's
/// `cellDelay(of:)` (`p + C_load` tau for logical effort; the mean NLDM delay at the static
/// slews and the load for a Liberty library) rounded to `resolution` tau.
///
/// The result is that of an event-driven simulation (events in time order, each changing
/// some lanes of one net), computed without an event queue: the cells are visited once, in
/// topological order, and each turns the waveforms of its inputs (every time a net changed,
/// with its value after the change) into the waveform of its outputs. A cell is evaluated
/// at each time one of its inputs changed, as the event-driven simulation would; lanes
/// that switch the same paths share these evaluations.
public struct TransitionSimulator: Sendable {
  /// The simulated netlist.
  public let netlist: MappedNetlist
  /// The time step, in tau.
  public let resolution: Double
  /// Transport or inertial delays.
  public let delayModel: DelayModel
  /// The delay of each cell-driven net, in steps.
  let delay: [Int32]
  /// Per instance: two output truth tables, four input nets (unused pins read net 0), two
  /// output nets (-1 unused).
  let tables: [UInt16]
  let pins: [Int32]
  let outs: [Int32]
  /// The number of instances.
  let cellCount: Int

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
    cellCount = netlist.instances.count
    var tables = [UInt16](repeating: 0, count: netlist.instances.count * 2)
    var pins = [Int32](repeating: 0, count: netlist.instances.count * 4)
    var outs = [Int32](repeating: -1, count: netlist.instances.count * 2)
    for (index, instance) in netlist.instances.enumerated() {
      precondition(instance.inputs.count <= 4 && instance.outputs.count <= 2, "cells have at most four inputs and two outputs")
      for (k, net) in instance.inputs.enumerated() { pins[index * 4 + k] = Int32(net) }
      for (k, net) in instance.outputs.enumerated() {
        outs[index * 2 + k] = Int32(net)
        tables[index * 2 + k] = instance.kind.functions[k]
      }
    }
    self.tables = tables
    self.pins = pins
    self.outs = outs
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
        tables.withUnsafeBufferPointer { t in
          for i in 0..<cellCount {
            let a = v[Int(p[i * 4])], b = v[Int(p[i * 4 + 1])], c = v[Int(p[i * 4 + 2])], d = v[Int(p[i * 4 + 3])]
            v[Int(o[i * 2])] = WordLogic.evaluate(t[i * 2], a, b, c, d)
            let second = o[i * 2 + 1]
            if second >= 0 { v[Int(second)] = WordLogic.evaluate(t[i * 2 + 1], a, b, c, d) }
          }
        }
      }
    }
  }

  /// The output of the cell being simulated: its pending changes (due step, word, lanes in
  /// `pending*[next ..< end]`, in due order since the delay is fixed) and its waveform so far.
  struct OutputTrack {
    let net: Int
    let delay: Int
    /// The word on the net now, and the word it will have once the pending changes happen.
    var present: UInt64
    var projected: UInt64
    var next: Int
    var end: Int
    /// The next free entry of the net's waveform.
    var written: Int

    /// Applies the pending changes due by step `t` (all of them for `Int.max`), appending
    /// the net's actual changes to its waveform.
    mutating func apply(until t: Int, _ buffers: Workspace.Buffers) {
      while next < end && Int(buffers.pendingTime[next]) <= t {
        let diff = (present ^ buffers.pendingWord[next]) & buffers.pendingMask[next]
        if diff != 0 {
          present ^= diff
          buffers.changeTime[written] = buffers.pendingTime[next]
          buffers.changeValue[written] = present
          written += 1
        }
        next += 1
      }
    }

    /// The cell computes `word` at step `t` (after the changes due by then): schedule the
    /// lanes that differ from the projected word at `t + delay`. With inertial delays, lanes
    /// back at the present value cancel their pending changes instead (a pulse shorter than
    /// the delay).
    mutating func drive(_ word: UInt64, at t: Int, inertial: Bool, _ buffers: Workspace.Buffers) {
      var changed = word ^ projected
      if changed == 0 { return }
      if inertial {
        let revert = changed & ~(word ^ present)
        if revert != 0 {
          for k in next..<end { buffers.pendingMask[k] &= ~revert }
          changed &= ~revert
        }
      }
      projected = word
      if changed == 0 { return }
      buffers.pendingTime[end] = Int32(t + delay)
      buffers.pendingWord[end] = word
      buffers.pendingMask[end] = changed
      end += 1
    }
  }

  /// Reusable buffers for repeated runs. Raw buffers keep the inner loop free of reference
  /// counting and uniqueness checks.
  ///
  /// The waveform of net `n` is entries `start[n] ..< start[n] + length[n]` of `changeTime`
  /// and `changeValue`: the steps at which the net changed, in increasing order, and its word
  /// after each change. `initial` holds every net's settled word before time 0.
  final class Workspace {
    /// The growable buffers, as one value for the inner loop.
    struct Buffers {
      var changeTime: UnsafeMutablePointer<Int32>
      var changeValue: UnsafeMutablePointer<UInt64>
      var changeCapacity: Int
      /// Pending changes of the cell being simulated: the first half for its first output,
      /// the second for its second.
      var pendingTime: UnsafeMutablePointer<Int32>
      var pendingWord: UnsafeMutablePointer<UInt64>
      var pendingMask: UnsafeMutablePointer<UInt64>
      var pendingCapacity: Int

      init(changes: Int, pending: Int) {
        changeCapacity = changes
        changeTime = .allocate(capacity: changes)
        changeValue = .allocate(capacity: changes)
        pendingCapacity = pending
        pendingTime = .allocate(capacity: 2 * pending)
        pendingWord = .allocate(capacity: 2 * pending)
        pendingMask = .allocate(capacity: 2 * pending)
      }

      func deallocate() {
        changeTime.deallocate()
        changeValue.deallocate()
        pendingTime.deallocate()
        pendingWord.deallocate()
        pendingMask.deallocate()
      }

      /// Room for `changes` waveform entries after the first `used`, and `pending` pending changes per output.
      mutating func reserve(_ changes: Int, after used: Int, pending: Int) {
        if used + changes > changeCapacity {
          let bigger = Swift.max(used + changes, 2 * changeCapacity)
          let time = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
          let value = UnsafeMutablePointer<UInt64>.allocate(capacity: bigger)
          time.moveInitialize(from: changeTime, count: used)
          value.moveInitialize(from: changeValue, count: used)
          changeTime.deallocate()
          changeValue.deallocate()
          (changeTime, changeValue, changeCapacity) = (time, value, bigger)
        }
        if pending > pendingCapacity {
          pendingTime.deallocate()
          pendingWord.deallocate()
          pendingMask.deallocate()
          pendingCapacity = Swift.max(pending, 2 * pendingCapacity)
          pendingTime = .allocate(capacity: 2 * pendingCapacity)
          pendingWord = .allocate(capacity: 2 * pendingCapacity)
          pendingMask = .allocate(capacity: 2 * pendingCapacity)
        }
      }
    }

    let nets: Int
    let initial: UnsafeMutablePointer<UInt64>
    let start: UnsafeMutablePointer<Int>
    let length: UnsafeMutablePointer<Int>
    var buffers: Buffers

    /// Buffers sized for `simulator`'s netlist (they grow when a run needs more).
    init(_ simulator: TransitionSimulator) {
      nets = simulator.netlist.netCount
      initial = .allocate(capacity: nets)
      start = .allocate(capacity: nets)
      start.initialize(repeating: 0, count: nets)
      length = .allocate(capacity: nets)
      buffers = Buffers(changes: Swift.max(1024, 8 * nets), pending: 256)
    }

    deinit {
      initial.deallocate()
      start.deallocate()
      length.deallocate()
      buffers.deallocate()
    }

    /// One word of transitions: toggles are added per net, settle times (in steps) written per lane.
    func run(_ sim: TransitionSimulator, from: [UInt64], to: [UInt64], toggles: inout [Int], settle: inout [Int32]) {
      let (initial, start, length) = (self.initial, self.start, self.length)
      sim.settle(UnsafeMutableBufferPointer(start: initial, count: nets), inputs: from)
      length.update(repeating: 0, count: nets)
      var buffers = self.buffers
      defer { self.buffers = buffers }
      buffers.reserve(sim.netlist.inputNets.count, after: 0, pending: 0)
      var used = 0
      for (i, net) in sim.netlist.inputNets.enumerated() where to[i] != from[i] {
        buffers.changeTime[used] = 0
        buffers.changeValue[used] = to[i]
        start[net] = used
        length[net] = 1
        toggles[net] += (to[i] ^ from[i]).nonzeroBitCount
        used += 1
      }
      let inertial = sim.delayModel == .inertial
      sim.pins.withUnsafeBufferPointer { pins in
      sim.outs.withUnsafeBufferPointer { outs in
      sim.tables.withUnsafeBufferPointer { tables in
      sim.delay.withUnsafeBufferPointer { delay in
      toggles.withUnsafeMutableBufferPointer { toggles in
        for cell in 0..<sim.cellCount {
          let n0 = Int(pins[cell * 4]), n1 = Int(pins[cell * 4 + 1]), n2 = Int(pins[cell * 4 + 2])
          let n3 = Int(pins[cell * 4 + 3])
          let changes = length[n0] + length[n1] + length[n2] + length[n3]
          if changes == 0 { continue }
          // An output changes at most once per input change.
          let twoOutputs = outs[cell * 2 + 1] >= 0
          buffers.reserve(twoOutputs ? 2 * changes : changes, after: used, pending: changes)
          let b = buffers
          let table0 = tables[cell * 2], table1 = tables[cell * 2 + 1]
          func track(_ o: Int) -> OutputTrack {
            let net = Int(outs[cell * 2 + o])
            start[net] = used + o * changes
            return OutputTrack(
              net: net, delay: Int(delay[net]), present: initial[net], projected: initial[net],
              next: o * b.pendingCapacity, end: o * b.pendingCapacity, written: used + o * changes)
          }
          var first = track(0)
          var second = twoOutputs ? track(1) : first
          // Walk the inputs' waveforms in step order; evaluate at each step one changed.
          var i0 = start[n0], i1 = start[n1], i2 = start[n2], i3 = start[n3]
          let e0 = i0 + length[n0], e1 = i1 + length[n1], e2 = i2 + length[n2], e3 = i3 + length[n3]
          var x = initial[n0], y = initial[n1], z = initial[n2], w = initial[n3]
          while true {
            let t0 = i0 < e0 ? Int(b.changeTime[i0]) : Int.max
            let t1 = i1 < e1 ? Int(b.changeTime[i1]) : Int.max
            let t2 = i2 < e2 ? Int(b.changeTime[i2]) : Int.max
            let t3 = i3 < e3 ? Int(b.changeTime[i3]) : Int.max
            let t = Swift.min(t0, t1, t2, t3)
            if t == Int.max { break }
            if t0 == t { x = b.changeValue[i0]; i0 += 1 }
            if t1 == t { y = b.changeValue[i1]; i1 += 1 }
            if t2 == t { z = b.changeValue[i2]; i2 += 1 }
            if t3 == t { w = b.changeValue[i3]; i3 += 1 }
            first.apply(until: t, b)
            first.drive(WordLogic.evaluate(table0, x, y, z, w), at: t, inertial: inertial, b)
            if twoOutputs {
              second.apply(until: t, b)
              second.drive(WordLogic.evaluate(table1, x, y, z, w), at: t, inertial: inertial, b)
            }
          }
          // The changes still pending happen after the last input change; then each output's
          // toggles are the lanes that differ between consecutive words of its waveform.
          for o in 0..<(twoOutputs ? 2 : 1) {
            var output = o == 0 ? first : second
            output.apply(until: Int.max, b)
            var previous = initial[output.net]
            var flips = 0
            for k in start[output.net]..<output.written {
              flips += (b.changeValue[k] ^ previous).nonzeroBitCount
              previous = b.changeValue[k]
            }
            toggles[output.net] += flips
            length[output.net] = output.written - start[output.net]
          }
          used += twoOutputs ? 2 * changes : changes
        }
      }
      }
      }
      }
      }
      // Each lane settled at the last step one of its outputs changed.
      for k in 0..<64 { settle[k] = 0 }
      for net in sim.netlist.outputNets {
        var previous = initial[net]
        for k in start[net]..<start[net] + length[net] {
          var lanes = buffers.changeValue[k] ^ previous
          previous = buffers.changeValue[k]
          while lanes != 0 {
            let lane = lanes.trailingZeroBitCount
            settle[lane] = Swift.max(settle[lane], buffers.changeTime[k])
            lanes &= lanes - 1
          }
        }
      }
    }
  }
}
