import Hardware

/// PowerPruning's voltage scaling: with the critical sensitised path shortened, the supply
/// drops until that path just meets the original clock.
public struct SupplyScaling: Sendable {
  /// The clock period, in seconds: the critical sensitised delay before selection.
  public var clockPeriod: Double
  /// The critical sensitised delay after selection, at the nominal supply, in seconds.
  public var delay: Double
  /// The nominal supply, in volts.
  public var nominalVoltage: Double
  /// The lowest supply at which `delay` still meets `clockPeriod`, in volts.
  public var voltage: Double
  /// `delay` at `voltage`, in seconds (at most `clockPeriod`).
  public var scaledDelay: Double

  /// The lowest supply for `delay` against `clockPeriod` with the library's alpha-power law.
  public static func plan(delay: Double, clockPeriod: Double, scaling: VoltageScaling) throws -> SupplyScaling {
    guard delay > 0, delay.isFinite else { throw PowerPruningError("voltage: the delay must be positive, got \(delay) s") }
    guard clockPeriod > 0, clockPeriod.isFinite else {
      throw PowerPruningError("voltage: the clock period must be positive, got \(clockPeriod) s")
    }
    guard delay <= clockPeriod * (1 + 1e-12) else {
      throw PowerPruningError(
        "voltage: the path of \(ValueSelection.picoseconds(delay)) misses the clock of \(ValueSelection.picoseconds(clockPeriod)) even at the nominal \(scaling.library.nominalVoltage) V")
    }
    let voltage = try scaling.lowestSupply(delay: delay, clockPeriod: clockPeriod)
    return SupplyScaling(
      clockPeriod: clockPeriod, delay: delay, nominalVoltage: scaling.library.nominalVoltage, voltage: voltage,
      scaledDelay: delay * scaling.delayScale(at: voltage))
  }

  /// Re-runs the timing of the kept values at `voltage`: every transition among `activations`
  /// for every one of `weights` is simulated afresh through `netlist` (partial sum held), and
  /// the worst settle time is scaled to `voltage` by the library's alpha-power law (which
  /// slows every cell by the same factor). Returns seconds.
  public static func retimedCriticalDelay(
    _ netlist: MappedNetlist, weights: [Int], activations: [Int], partialSum: Int, voltage: Double, scaling: VoltageScaling
  ) throws -> Double {
    guard voltage > scaling.library.thresholdVoltage else {
      throw PowerPruningError("voltage: \(voltage) V is not above the threshold \(scaling.library.thresholdVoltage) V")
    }
    let fresh = try SensitisedDelays.characterize(netlist, weights: weights, activations: activations, partialSum: partialSum)
    return fresh.critical() * scaling.delayScale(at: voltage)
  }
}
