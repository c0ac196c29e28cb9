import Hardware

/// The power of a whole weight-stationary systolic array running a network, from every
/// layer's real weights and activation streams and a per-weight energy table.
public struct ArrayPower: Sendable {
  /// One layer's share.
  public struct Layer: Sendable {
    /// The layer's path.
    public var path: String
    /// MACs, cycles and utilisation on the array.
    public var schedule: SystolicArray.Schedule
    /// Switching energy of the active PEs, in joules.
    public var dynamicEnergy: Double
    /// Leakage of the PEs while they compute, in joules.
    public var activeLeakageEnergy: Double
    /// Leakage of the PEs that idle (outside a tile's valid part, filling and draining), in joules.
    public var idleLeakageEnergy: Double
    /// The layer's time, in seconds.
    public var time: Double
  }

  /// Every layer.
  public var layers: [Layer]
  /// The supply, in volts.
  public var voltage: Double
  /// The clock, in hertz.
  public var frequency: Double
  /// Images run.
  public var images: Int

  /// Total switching energy, in joules.
  public var dynamicEnergy: Double { layers.reduce(0) { $0 + $1.dynamicEnergy } }
  /// Total leakage of computing PEs, in joules.
  public var activeLeakageEnergy: Double { layers.reduce(0) { $0 + $1.activeLeakageEnergy } }
  /// Total leakage of idle PEs, in joules.
  public var idleLeakageEnergy: Double { layers.reduce(0) { $0 + $1.idleLeakageEnergy } }
  /// All energy, in joules.
  public var totalEnergy: Double { dynamicEnergy + activeLeakageEnergy + idleLeakageEnergy }
  /// The run's time, in seconds.
  public var time: Double { layers.reduce(0) { $0 + $1.time } }
  /// Average power over the run, in watts.
  public var power: Double { time > 0 ? totalEnergy / time : 0 }

  /// Runs `layers` on `array` at `frequency` and `voltage` (nominal if nil): each PE's energy
  /// is its weight's energy per operation in `table` times its operations, scaled by `V^2`;
  /// every PE leaks for every cycle (leakage scaled with the library's model), split by the
  /// layer's utilisation into computing and idle PEs.
  public static func measure(
    _ layers: [IntegerLayer], array: SystolicArray, table: MACPowerTable, frequency: Double, voltage: Double? = nil,
    scaling: VoltageScaling, images: Int, progress: TechniqueProgressHandler? = nil
  ) throws -> ArrayPower {
    guard frequency > 0, frequency.isFinite else { throw PowerPruningError("array power: the clock must be positive, got \(frequency) Hz") }
    let v = voltage ?? scaling.library.nominalVoltage
    guard v > scaling.library.thresholdVoltage, v <= scaling.library.nominalVoltage * 1.5 else {
      throw PowerPruningError("array power: supply \(v) V is outside \(scaling.library.thresholdVoltage)...\(scaling.library.nominalVoltage * 1.5) V")
    }
    var rows: [Layer] = []
    for (done, layer) in layers.enumerated() {
      try progress?(TechniqueProgress(task: "array power", done: done, total: layers.count))
      let missing = Set(layer.weights).subtracting(table.entries.map(\.weight))
      if let bad = missing.sorted().first {
        throw PowerPruningError("array power: layer '\(layer.path)' uses weight \(bad), which the power table does not hold (\(missing.count) such values)")
      }
      let energy = try array.energy(
        layer.shape, weights: layer.weights, activations: layer.activations, mac: table, frequency: frequency, voltage: v,
        scaling: scaling)
      let busy = energy.schedule.utilisation
      rows.append(Layer(
        path: layer.path, schedule: energy.schedule, dynamicEnergy: energy.dynamicEnergy,
        activeLeakageEnergy: energy.leakageEnergy * busy, idleLeakageEnergy: energy.leakageEnergy * (1 - busy),
        time: energy.time))
    }
    try progress?(TechniqueProgress(task: "array power", done: layers.count, total: layers.count))
    return ArrayPower(layers: rows, voltage: v, frequency: frequency, images: images)
  }
}
