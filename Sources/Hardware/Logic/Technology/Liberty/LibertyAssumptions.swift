/// What a Liberty file does not say but the models need: the wire-load model, the
/// conditions at the circuit's boundary, and the voltage-scaling law's parameters.
///
/// Defaults (used for any `.lib` file unless stated otherwise):
/// - Wires: 1 fF per fanout branch (a short local wire: about 5 um at ~0.2 fF/um, the
///   order of magnitude of a local metal-1/2 wire in 0.18-0.35 um processes, ITRS 1999
///   interconnect tables). Files with `wire_load` groups are not read for them.
/// - Primary inputs switch with the smallest input slew the file's delay tables are
///   characterized at (the tables are exact there, not extrapolated).
/// - Primary outputs drive the `D` pin of the file's first edge-triggered flip-flop (a
///   register input, as the 45 nm library assumes), or four smallest-inverter inputs if the
///   file has no flip-flop.
/// - Voltage scaling: the alpha-power law `delay ~ V / (V - Vth)^alpha` (Sakurai and Newton,
///   IEEE JSSC 25(2), 1990), calibrated so that it is 1 at the file's nominal voltage
///   (`nom_voltage`), where the tables hold; `Vth` = 0.25 of the nominal voltage and alpha
///   = 1.3 unless given; supplies below half the nominal voltage are not considered.
///   Leakage follows the 45 nm library's DIBL model, `(V/V0) exp(k (V - V0))` with
///   k = 0.1 / (1.5 * 25.9 mV).
public struct LibertyAssumptions: Hashable, Sendable {
  /// Wire capacitance per fanout branch, in farads.
  public var wireCapacitancePerFanout: Double = 1e-15
  /// Slew of the primary inputs, in seconds; nil for the smallest tabulated slew.
  public var primaryInputSlew: Double?
  /// Load on each primary output, in farads; nil for a flip-flop's `D` pin.
  public var primaryOutputLoad: Double?
  /// Threshold voltage of the alpha-power law, in volts; nil for a quarter of the nominal supply.
  public var thresholdVoltage: Double?
  /// Velocity-saturation exponent of the alpha-power law.
  public var alpha: Double = 1.3
  /// Lowest supply the models consider, in volts; nil for half the nominal supply.
  public var minimumVoltage: Double?
  /// Exponent coefficient of leakage against supply, per volt.
  public var leakageVoltageCoefficient: Double = 0.1 / (1.5 * 0.0259)

  /// The defaults described on the type.
  public init() {}

  /// The conditions Berkeley ABC's `stime` assumes: no wire load, ideal (zero-slew)
  /// inputs, unloaded outputs. Used to cross-check timing against it.
  public static var abc: LibertyAssumptions {
    var a = LibertyAssumptions()
    a.wireCapacitancePerFanout = 0
    a.primaryInputSlew = 0
    a.primaryOutputLoad = 0
    return a
  }
}
