import Hardware

/// Power per weight value: the MAC holding each weight, driven by one operand stream.
public enum WeightPower {
  /// Characterises `netlist` (a MAC with ports `x`, `w`, `acc`) for every value in `weights`
  /// under `stream`: its activations on `x`, its partial sums on `acc`, glitches counted by
  /// `counting`. Every weight sees the same stream. Weights go a few at a time so that
  /// `progress` can report and stop the work.
  public static func characterize(
    _ netlist: MappedNetlist, configuration: MACConfiguration, weights: [Int], stream: OperandStream,
    counting: ToggleCounting = .inertial, progress: TechniqueProgressHandler? = nil
  ) throws -> MACPowerTable {
    guard let w = netlist.inputPort(named: "w"), let x = netlist.inputPort(named: "x"),
          let acc = netlist.inputPort(named: "acc")
    else { throw PowerPruningError("characterize: the netlist is not a MAC with ports x, w and acc") }
    guard !weights.isEmpty else { throw PowerPruningError("characterize: no weight values to characterise") }
    if let bad = weights.first(where: { $0 < w.minimum || $0 > w.maximum }) {
      throw PowerPruningError("characterize: weight \(bad) does not fit the MAC's \(w.width)-bit weight port (\(w.minimum)...\(w.maximum))")
    }
    if let bad = stream.activations.first(where: { $0 < x.minimum || $0 > x.maximum }) {
      throw PowerPruningError("characterize: activation \(bad) of the stream does not fit the \(x.width)-bit activation port (\(x.minimum)...\(x.maximum))")
    }
    try stream.checkPartialSums(fit: acc.width)
    let chunk = counting == .zeroDelay ? 32 : 8
    var table: MACPowerTable?
    var done = 0
    while done < weights.count {
      try progress?(TechniqueProgress(task: "characterize", done: done, total: weights.count))
      let part = Array(weights[done..<min(done + chunk, weights.count)])
      let result = try MACPowerTable.characterize(
        netlist, configuration: configuration, weights: part, activations: stream.activations,
        accumulator: .values(stream.partialSums), counting: counting)
      if table == nil { table = result } else { table?.entries += result.entries }
      done += part.count
    }
    try progress?(TechniqueProgress(task: "characterize", done: weights.count, total: weights.count))
    guard let table else { throw PowerPruningError("characterize: no weight values to characterise") }
    return table
  }
}
