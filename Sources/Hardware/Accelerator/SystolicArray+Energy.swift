/// Energy and time of one layer on a systolic array.
public struct LayerEnergy: Sendable {
  /// The array schedule.
  public var schedule: SystolicArray.Schedule
  /// Switching energy of all PEs, in joules, at the chosen supply.
  public var dynamicEnergy: Double
  /// Leakage energy of all PEs over the layer's cycles, in joules, at the chosen supply.
  public var leakageEnergy: Double
  /// The layer's run time, in seconds.
  public var time: Double
  /// The supply the figures are for, in volts.
  public var voltage: Double
  /// Total energy.
  public var totalEnergy: Double { dynamicEnergy + leakageEnergy }
  /// Average power over the layer, in watts.
  public var averagePower: Double { time > 0 ? totalEnergy / time : 0 }
}

extension SystolicArray {
  /// The energy of computing `activations (M x K) x weights (K x N)` (row-major integer
  /// matrices): every active PE's operand streams go through `mac`; every PE of the array
  /// leaks for all the layer's cycles at `frequency` hertz; energies are scaled from the
  /// nominal supply to `voltage` (nominal if nil) with `scaling`.
  public func energy(
    _ shape: GEMMShape, weights: [Int], activations: [Int], mac: any MACEnergyModel, frequency: Double,
    voltage: Double? = nil, scaling: VoltageScaling = VoltageScaling()
  ) throws -> LayerEnergy {
    guard frequency > 0 else { throw LogicError(.invalidParameter, "the clock frequency must be positive") }
    let v = voltage ?? scaling.library.nominalVoltage
    var dynamic = 0.0
    try forEachProcessingElement(shape, weights: weights, activations: activations) { pe in
      dynamic += try mac.dynamicEnergy(weight: pe.weight, activations: pe.activations, partialSums: pe.partialSums)
    }
    let plan = schedule(shape)
    let time = Double(plan.cycles) / frequency
    let leakage = mac.leakagePower * scaling.library.leakageScale(at: v) * Double(rows * columns) * time
    return LayerEnergy(
      schedule: plan, dynamicEnergy: dynamic * scaling.energyScale(at: v), leakageEnergy: leakage, time: time, voltage: v)
  }
}
