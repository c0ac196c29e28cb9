/// The cost of one complete design: logic plus pipeline registers, at the clock it reaches.
public struct DesignCost: Sendable {
  /// The circuit style.
  public var style: CircuitStyle
  /// How it is pipelined (`combinational`, `layers`, `clock 800 ps`).
  public var pipeline: String
  /// Pipeline stages: the latency in cycles (one new sample enters every cycle).
  public var stages: Int
  /// Register bits: the registered inputs and outputs and every pipeline register.
  public var registers: Int
  /// Transistors of the logic (registers apart).
  public var logicTransistors: Int
  /// Transistors of the registers.
  public var registerTransistors: Int
  /// Cell area of the logic, in the library's area unit.
  public var logicArea: Double
  /// Area of the registers.
  public var registerArea: Double
  /// The clock period, in seconds: the slowest stage plus the register overhead.
  public var clockPeriod: Double
  /// Dynamic energy per sample, logic (glitches included) and registers (clock and data), in joules.
  public var energyPerSample: Double
  /// Leakage of logic and registers, in watts.
  public var leakagePower: Double
  /// Whether the target clock was met (always true for the combinational and layer pipelines).
  public var met: Bool

  /// Transistors in all.
  public var transistors: Int { logicTransistors + registerTransistors }
  /// Area in all.
  public var area: Double { logicArea + registerArea }
  /// The clock frequency, in hertz.
  public var frequency: Double { 1 / clockPeriod }
  /// Samples per second: one per cycle.
  public var samplesPerSecond: Double { frequency }
  /// Average power at the clock, in watts.
  public var power: Double { energyPerSample * frequency + leakagePower }
  /// Latency of one sample, in seconds.
  public var latency: Double { Double(stages) * clockPeriod }
}
