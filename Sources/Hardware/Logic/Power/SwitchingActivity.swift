import Foundation

/// How net toggles are counted when estimating dynamic energy.
public enum ToggleCounting: String, Sendable, CaseIterable {
  /// Only the final value change of each net per transition (no glitches): fast.
  case zeroDelay
  /// Every change in an event-driven simulation with transport gate delays: every glitch
  /// propagates (an upper bound).
  case transport
  /// Every change in an event-driven simulation with inertial gate delays: glitches
  /// shorter than a cell's delay die at that cell. The library is calibrated this way.
  case inertial
}

/// Switching activity of a netlist under a stream of input vectors.
public struct SwitchingReport: Sendable {
  /// The number of transitions simulated (vectors minus one).
  public var transitions: Int
  /// How toggles were counted.
  public var counting: ToggleCounting
  /// Toggles of every net, summed over all transitions.
  public var toggles: [Int]
  /// The switched capacitance per transition, in farads (sum of toggles x net capacitance / transitions).
  public var capacitancePerTransition: Double
  /// The time each transition's outputs settled, in seconds at the nominal supply (event-driven counting only).
  public var settleTimes: [Double]
  /// The library the figures come from.
  public var library: CellLibrary
  /// The cells' internal energy per transition at the nominal supply, in joules: for an NLDM
  /// library, each net's toggles times its internal energy per toggle (the tables at the
  /// actual slews and loads); 0 for the 45 nm library, whose internal nodes are part of the
  /// switched capacitance.
  public var internalEnergyPerTransition: Double = 0

  /// Average dynamic energy per transition (one operation), in joules: `C V^2 / 2` per toggle
  /// of each net, plus the cells' internal energy, which scales as `V^2` too.
  public func energyPerTransition(voltage: Double? = nil) -> Double {
    let v = voltage ?? library.nominalVoltage
    let switching = 0.5 * capacitancePerTransition * v * v
    guard internalEnergyPerTransition != 0 else { return switching }
    let r = v / library.nominalVoltage
    return switching + internalEnergyPerTransition * r * r
  }

  /// The switching part alone (`C V^2 / 2` per net toggle), in joules per transition.
  public func switchingEnergyPerTransition(voltage: Double? = nil) -> Double {
    let v = voltage ?? library.nominalVoltage
    return 0.5 * capacitancePerTransition * v * v
  }

  /// The latest settle time over all transitions, in seconds at the nominal supply.
  public var worstSettleTime: Double { settleTimes.max() ?? 0 }
}

extension MappedNetlist {
  /// Simulates consecutive operations: `operands[port][k]` is the value on `port` in
  /// operation `k`; each pair of consecutive operations is one transition.
  ///
  /// Every input port needs an operand list, all of the same length (at least two).
  /// With `.transport` or `.inertial` each transition is simulated event-driven with gate
  /// delays (time step `resolution` tau) and settle times are recorded; with `.zeroDelay`
  /// only the steady states are compared.
  public func switching(
    _ operands: [String: [Int]], counting: ToggleCounting = .inertial, resolution: Double = 0.01
  ) throws -> SwitchingReport {
    let count = operands.values.first?.count ?? 0
    guard count >= 2 else {
      throw LogicError(.operandMismatch, "switching activity needs at least two operations, got \(count)")
    }
    let from = operands.mapValues { Array($0.dropLast()) }
    let to = operands.mapValues { Array($0.dropFirst()) }
    let (fromStreams, transitions) = try OperandPacking.pack(from, ports: inputPorts, inputCount: inputNets.count)
    let (toStreams, _) = try OperandPacking.pack(to, ports: inputPorts, inputCount: inputNets.count)
    return switching(from: fromStreams, to: toStreams, transitions: transitions, counting: counting, resolution: resolution)
  }

  /// Switching activity for packed transitions: lane `k` of word `w` of `from[i]` and
  /// `to[i]` is input `i` before and after transition `64 w + k`.
  public func switching(
    from: [[UInt64]], to: [[UInt64]], transitions: Int, counting: ToggleCounting, resolution: Double = 0.01
  ) -> SwitchingReport {
    var toggles = [Int](repeating: 0, count: netCount)
    var settle: [Double] = []
    let words = from.first?.count ?? 0
    switch counting {
    case .zeroDelay:
      let simulator = TransitionSimulator(self, resolution: resolution)
      var a = [UInt64](repeating: 0, count: netCount)
      var b = a
      var fromWord = [UInt64](repeating: 0, count: inputNets.count)
      var toWord = fromWord
      for w in 0..<words {
        for i in 0..<inputNets.count {
          fromWord[i] = from[i][w]
          toWord[i] = to[i][w]
        }
        a.withUnsafeMutableBufferPointer { simulator.settle($0, inputs: fromWord) }
        b.withUnsafeMutableBufferPointer { simulator.settle($0, inputs: toWord) }
        for net in 2..<netCount { toggles[net] += (a[net] ^ b[net]).nonzeroBitCount }
      }
    case .transport, .inertial:
      let simulator = TransitionSimulator(
        self, resolution: resolution, delayModel: counting == .transport ? .transport : .inertial)
      let workspace = TransitionSimulator.Workspace(simulator)
      settle.reserveCapacity(transitions)
      var fromWord = [UInt64](repeating: 0, count: inputNets.count)
      var toWord = fromWord
      var lanes = [Int32](repeating: 0, count: 64)
      for w in 0..<words {
        for i in 0..<inputNets.count {
          fromWord[i] = from[i][w]
          toWord[i] = to[i][w]
        }
        workspace.run(simulator, from: fromWord, to: toWord, toggles: &toggles, settle: &lanes)
        for k in 0..<min(64, transitions - w * 64) {
          settle.append(Double(lanes[k]) * resolution * library.tau)
        }
      }
    }
    var capacitance = 0.0
    for net in 0..<netCount { capacitance += Double(toggles[net]) * switchedCapacitance[net] }
    var report = SwitchingReport(
      transitions: transitions, counting: counting, toggles: toggles,
      capacitancePerTransition: transitions > 0 ? capacitance * library.unitCapacitance / Double(transitions) : 0,
      settleTimes: settle, library: library)
    if let nldm, transitions > 0 {
      var cellEnergy = 0.0
      for net in 0..<netCount { cellEnergy += Double(toggles[net]) * nldm.internalEnergy[net] }
      report.internalEnergyPerTransition = cellEnergy / Double(transitions)
    }
    return report
  }

  /// Leakage power at `voltage` (nominal if nil), in watts, scaled with the supply: the
  /// cells' own leakage where the library states it (Liberty `cell_leakage_power`), else
  /// transistors times the library's per-transistor leakage.
  public func leakagePower(voltage: Double? = nil) -> Double {
    let v = voltage ?? library.nominalVoltage
    guard library.timingModel == .nldm else {
      return Double(transistorCount) * library.leakagePerTransistor * library.leakageScale(at: v)
    }
    var total = 0.0
    for instance in instances {
      let cell = library.cells[instance.cell]
      total += cell.leakagePower ?? Double(cell.transistors) * library.leakagePerTransistor
    }
    return total * library.leakageScale(at: v)
  }
}

extension CellLibrary {
  /// Leakage at `voltage` relative to the nominal supply: `(V / V0) exp(k (V - V0))`.
  public func leakageScale(at voltage: Double) -> Double {
    (voltage / nominalVoltage) * exp(leakageVoltageCoefficient * (voltage - nominalVoltage))
  }
}
