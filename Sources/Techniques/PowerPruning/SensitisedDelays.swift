import Hardware

/// The delays of the MAC paths that activation transitions sensitise, per weight value.
///
/// For each weight held, every transition between two values of an activation grid is
/// simulated event-driven with the cell library's gate delays (inertial), the partial-sum
/// input held at one value; a transition's delay is when the MAC's outputs last changed.
/// This is `MACDelayTable` for many weights, with the summaries selection needs.
public struct SensitisedDelays: Sendable {
  /// One table per weight, in the order characterised.
  public var tables: [MACDelayTable]
  /// The activation grid (rows and columns of every table).
  public var activations: [Int]
  /// The partial sum held.
  public var partialSum: Int

  /// The weights characterised.
  public var weights: [Int] { tables.map(\.weight) }

  /// The table of `weight`.
  public func table(weight: Int) -> MACDelayTable? { tables.first { $0.weight == weight } }

  /// Simulates every transition among `activations` for each of `weights`.
  public static func characterize(
    _ netlist: MappedNetlist, weights: [Int], activations: [Int], partialSum: Int = 0,
    progress: TechniqueProgressHandler? = nil
  ) throws -> SensitisedDelays {
    guard let w = netlist.inputPort(named: "w"), let x = netlist.inputPort(named: "x"),
          let acc = netlist.inputPort(named: "acc")
    else { throw PowerPruningError("delays: the netlist is not a MAC with ports x, w and acc") }
    guard !weights.isEmpty else { throw PowerPruningError("delays: no weight values") }
    guard activations.count >= 2 else { throw PowerPruningError("delays: at least two activation values are needed, got \(activations.count)") }
    if let bad = weights.first(where: { $0 < w.minimum || $0 > w.maximum }) {
      throw PowerPruningError("delays: weight \(bad) does not fit the \(w.width)-bit weight port (\(w.minimum)...\(w.maximum))")
    }
    if let bad = activations.first(where: { $0 < x.minimum || $0 > x.maximum }) {
      throw PowerPruningError("delays: activation \(bad) does not fit the \(x.width)-bit activation port (\(x.minimum)...\(x.maximum))")
    }
    guard partialSum >= acc.minimum && partialSum <= acc.maximum else {
      throw PowerPruningError("delays: partial sum \(partialSum) does not fit the \(acc.width)-bit accumulator")
    }
    var tables: [MACDelayTable] = []
    for (done, weight) in weights.enumerated() {
      try progress?(TechniqueProgress(task: "sensitised delays", done: done, total: weights.count))
      tables.append(try MACDelayTable.characterize(netlist, weight: weight, activations: activations, accumulator: partialSum))
    }
    try progress?(TechniqueProgress(task: "sensitised delays", done: weights.count, total: weights.count))
    return SensitisedDelays(tables: tables, activations: activations, partialSum: partialSum)
  }

  /// The worst delay of `weight` over the transitions among `subset` (the whole grid if nil).
  public func worst(weight: Int, among subset: [Int]? = nil) -> Double? {
    guard let table = table(weight: weight) else { return nil }
    return subset.map { table.worst(among: $0) } ?? table.worst
  }

  /// The critical sensitised delay: the worst over `weights` (all if nil) and the transitions
  /// among `subset` (the whole grid if nil).
  public func critical(weights chosen: [Int]? = nil, among subset: [Int]? = nil) -> Double {
    let pool = chosen.map { Set($0) }
    return tables.filter { pool?.contains($0.weight) ?? true }.map { table in
      subset.map { table.worst(among: $0) } ?? table.worst
    }.max() ?? 0
  }

  /// `M[i][j]`: the worst delay of the transition from `activations[i]` to `activations[j]`
  /// over `weights` (every weight if nil), row-major.
  public func worstOverWeights(_ chosen: [Int]? = nil) -> [Double] {
    let n = activations.count
    let pool = chosen.map { Set($0) }
    var result = [Double](repeating: 0, count: n * n)
    for table in tables where pool?.contains(table.weight) ?? true {
      for i in 0..<(n * n) { result[i] = max(result[i], table.delays[i]) }
    }
    return result
  }
}
