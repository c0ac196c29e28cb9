/// Sensitised delays of a MAC holding one weight, for every transition between activations.
///
/// PowerPruning selects weights and activations by the delay of the paths their
/// transitions sensitise: this table holds, for one weight, the settle time of the MAC's
/// outputs for each transition from activation `activations[i]` to `activations[j]`, the
/// partial-sum input held, found by event-driven simulation with gate delays.
public struct MACDelayTable: Sendable {
  /// The weight held in the MAC.
  public var weight: Int
  /// The activation values, in the order of the rows and columns.
  public var activations: [Int]
  /// The partial sum held on the accumulator input.
  public var accumulator: Int
  /// Settle times in seconds at the nominal supply, row-major: `[from][to]`.
  public var delays: [Double]

  /// The settle time of the transition between two activation values, if both are in the table.
  public func delay(from a: Int, to b: Int) -> Double? {
    guard let i = activations.firstIndex(of: a), let j = activations.firstIndex(of: b) else { return nil }
    return delays[i * activations.count + j]
  }

  /// The worst settle time over all transitions in the table.
  public var worst: Double { delays.max() ?? 0 }

  /// The worst settle time over the transitions among a subset of the activation values
  /// (values not in the table are ignored).
  public func worst(among subset: [Int]) -> Double {
    let indices = subset.compactMap { activations.firstIndex(of: $0) }
    var result = 0.0
    for i in indices {
      for j in indices { result = max(result, delays[i * activations.count + j]) }
    }
    return result
  }

  /// For each activation value, the worst settle time of the transitions into and out of it
  /// (against every other value in the table).
  public var worstPerActivation: [Double] {
    let n = activations.count
    return (0..<n).map { i in (0..<n).reduce(0.0) { max($0, delays[i * n + $1], delays[$1 * n + i]) } }
  }
}

extension MACDelayTable {
  /// Simulates every transition between `activations` (n x n, 64 at a time) through a
  /// mapped MAC netlist with ports `x`, `w`, `acc`, the weight and partial sum held.
  public static func characterize(
    _ netlist: MappedNetlist, weight: Int, activations: [Int], accumulator: Int = 0, delayModel: DelayModel = .inertial,
    resolution: Double = 0.01
  ) throws -> MACDelayTable {
    guard netlist.inputPort(named: "x") != nil, netlist.inputPort(named: "w") != nil,
          netlist.inputPort(named: "acc") != nil
    else { throw LogicError(.unknownPort, "a MAC netlist needs input ports x, w and acc") }
    guard !activations.isEmpty else { throw LogicError(.operandMismatch, "no activation values to tabulate") }
    let n = activations.count
    var fromX: [Int] = [], toX: [Int] = []
    fromX.reserveCapacity(n * n)
    toX.reserveCapacity(n * n)
    for a in activations {
      for b in activations {
        fromX.append(a)
        toX.append(b)
      }
    }
    let held = Array(repeating: weight, count: n * n), acc = Array(repeating: accumulator, count: n * n)
    let (from, count) = try OperandPacking.pack(
      ["x": fromX, "w": held, "acc": acc], ports: netlist.inputPorts, inputCount: netlist.inputNets.count)
    let (to, _) = try OperandPacking.pack(
      ["x": toX, "w": held, "acc": acc], ports: netlist.inputPorts, inputCount: netlist.inputNets.count)
    let report = netlist.switching(from: from, to: to, transitions: count, counting: delayModel == .inertial ? .inertial : .transport,
                                resolution: resolution)
    return MACDelayTable(weight: weight, activations: activations, accumulator: accumulator, delays: report.settleTimes)
  }
}
