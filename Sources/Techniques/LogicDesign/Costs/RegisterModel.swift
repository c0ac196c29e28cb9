import Hardware

/// The cost of one pipeline register bit (an edge-triggered flip-flop), which the cell
/// libraries here do not model (the Liberty reader skips sequential cells).
///
/// Assumptions, from Weste and Harris, *CMOS VLSI Design* (4th ed.), ch. 10: a static
/// transmission-gate master-slave flip-flop of 24 transistors (area: 24 transistors, or six
/// NAND2 cells of a Liberty library); clock-to-Q plus setup of 20 tau (four FO4 delays);
/// a clock load of 4 unit inverter inputs, charged and discharged every cycle; 8 units of
/// internal and output capacitance switched when the stored bit changes; leakage of its 24
/// transistors.
public struct RegisterModel: Sendable, Equatable {
  /// Transistors per bit.
  public var transistors: Int
  /// Area per bit, in the library's area unit.
  public var area: Double
  /// Clock-to-Q delay plus setup time, in seconds: what every pipeline stage adds to its logic.
  public var overhead: Double
  /// Energy per clock cycle for the clock pin, in joules.
  public var clockEnergy: Double
  /// Energy per change of the stored bit, in joules.
  public var dataEnergy: Double
  /// Leakage power per bit, in watts.
  public var leakage: Double

  /// The register of `library`, with the assumptions above.
  public init(library: CellLibrary) {
    transistors = 24
    if library.areaUnit == "transistors" {
      area = 24
    } else {
      let nand2 = library.cellIndex(of: .nand2).map { library.cells[$0].area } ?? 4
      area = 6 * nand2
    }
    overhead = 20 * library.tau
    let v = library.nominalVoltage
    clockEnergy = 4 * library.unitCapacitance * v * v
    dataEnergy = 0.5 * 8 * library.unitCapacitance * v * v
    leakage = 24 * library.leakagePerTransistor
  }
}
