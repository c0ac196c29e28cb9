import Foundation

/// Supply-voltage scaling with the alpha-power law: how delay, energy and leakage change
/// with the supply, and the lowest supply that still meets a clock.
///
/// Delay scales as `V / (V - Vth)^alpha` (Sakurai and Newton), dynamic energy as `V^2`,
/// leakage as the library's `leakageScale`; all parameters come from the `CellLibrary`.
public struct VoltageScaling: Sendable {
  /// The library whose nominal supply, threshold, alpha and leakage model are used.
  public var library: CellLibrary

  /// Creates the model for a library.
  public init(library: CellLibrary = .cmos45nm) { self.library = library }

  /// Delay at `voltage` relative to the nominal supply (1 at nominal, larger below it).
  public func delayScale(at voltage: Double) -> Double {
    func raw(_ v: Double) -> Double { v / pow(v - library.thresholdVoltage, library.alpha) }
    return raw(voltage) / raw(library.nominalVoltage)
  }

  /// Dynamic energy at `voltage` relative to the nominal supply: `(V / V0)^2`.
  public func energyScale(at voltage: Double) -> Double {
    let r = voltage / library.nominalVoltage
    return r * r
  }

  /// The lowest supply, in volts, at which a circuit whose worst (sensitised) delay is
  /// `delay` seconds at the nominal supply still finishes within `clockPeriod` seconds.
  ///
  /// The search covers the library's minimum supply up to the nominal one; it throws when
  /// even the nominal supply misses the clock.
  public func lowestSupply(delay: Double, clockPeriod: Double) throws -> Double {
    guard delay >= 0, clockPeriod > 0 else {
      throw LogicError(.invalidParameter, "delay must be non-negative and the clock period positive")
    }
    guard delay <= clockPeriod * (1 + 1e-12) else {
      throw LogicError(.infeasible, "a delay of \(delay) s misses a clock period of \(clockPeriod) s even at the nominal \(library.nominalVoltage) V")
    }
    var low = library.minimumVoltage, high = library.nominalVoltage
    if delay * delayScale(at: low) <= clockPeriod { return low }
    // Delay falls monotonically with the supply above threshold (alpha >= 1), so bisect.
    for _ in 0..<60 {
      let mid = (low + high) / 2
      if delay * delayScale(at: mid) <= clockPeriod { high = mid } else { low = mid }
    }
    return high
  }

  /// Power at `voltage` and `frequency` of a circuit that takes `energyPerOperation` joules
  /// per cycle and leaks `leakage` watts at the nominal supply.
  public func power(energyPerOperation: Double, leakage: Double, frequency: Double, voltage: Double) -> PowerBreakdown {
    PowerBreakdown(
      dynamic: energyPerOperation * energyScale(at: voltage) * frequency,
      leakage: leakage * library.leakageScale(at: voltage))
  }
}

/// Dynamic and leakage power, in watts.
public struct PowerBreakdown: Hashable, Sendable {
  /// Switching power.
  public var dynamic: Double
  /// Leakage power.
  public var leakage: Double
  /// Their sum.
  public var total: Double { dynamic + leakage }

  /// Creates a breakdown.
  public init(dynamic: Double, leakage: Double) {
    self.dynamic = dynamic
    self.leakage = leakage
  }
}
