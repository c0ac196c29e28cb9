/// A static CMOS cell library with the technology figures every hardware model uses.
///
/// A library is a list of cells identified by their functions (`CellKind`), a timing model
/// and the figures below. Two kinds exist: the hand-written 45 nm library described here
/// (logical effort), and libraries read from Liberty files (`CellLibrary.liberty(path:)`,
/// `CellLibrary.named("osu018")`), timed with their NLDM tables; what those files do not
/// say is stated in `LibertyAssumptions` and `CellLibrary+Named.swift`.
///
/// EVERY technology assumption of the hardware models lives in this file, with its source.
/// The default library, `CellLibrary.cmos45nm`, stands for a 45 nm bulk CMOS process at
/// a nominal supply of 0.9 V:
///
/// - Transistor counts: static complementary CMOS as in N. Weste and D. Harris, "CMOS VLSI
///   Design", 4th ed., Addison-Wesley 2011 (W&H): INV 2, NAND2/NOR2 4, AND2/OR2 6 (NAND or
///   NOR plus inverter), AOI21/OAI21 6, XOR2/XNOR2 12 (8-transistor complementary core
///   needing both input polarities, plus two input inverters),
///   MUX2 12 (inverting tristate 2:1 mux, 8 transistors, plus select and output inverters),
///   half adder 18 (XOR2 + AND2), full adder 28 (the mirror adder of W&H ch. 11).
/// - Delay: logical effort (I. Sutherland, B. Sproull, D. Harris, "Logical Effort", Morgan
///   Kaufmann 1999; W&H ch. 4 tables of g and p). Every cell is sized for the drive of the
///   unit inverter, so an output's delay is `d = p + g*h = p + C_load / C_unit` in units of
///   tau, and an input pin's capacitance is its logical effort `g` times `C_unit`.
///   Multi-stage cells (AND2, OR2, XOR2 with input inverters, MUX2, adders) fold their inner
///   stages into `p`; an adder output has one `p` whatever input switched (a simplification).
///   The full adder's pin loads count the gates each input meets in the mirror adder (A and
///   B 8, carry-in 6, as n/p pairs of unit width); its `p` adds its stages (carry: complex
///   gate ~3 + internal load 2 + inverter 1; sum: carry stage 5, sum stage 5, inverter 1).
/// - tau = 3 ps, so FO4 = 5 tau = 15 ps: W&H's rule of thumb of FO4 ~ 1/3 ps per nm of
///   drawn channel length at 45 nm.
/// - Wires: 0.5 C_unit per fanout branch (short local wires); primary outputs drive a
///   register input of 4 C_unit (a flip-flop D pin); primary inputs come from ideal drivers
///   at time 0.
/// - Energy: a net toggle dissipates `C V^2 / 2` (a full 0-1-0 cycle `C V^2`); the net's
///   C is its driver's diffusion capacitance, its pin and wire loads, and the driving cell's
///   internal nodes that switch with that output. Short-circuit current is neglected.
///   `C_unit` in farads is calibrated so that an unsigned 8 x 8 array multiplier under
///   uniform random operands takes 0.2 pJ per multiplication at 0.9 V, counting glitches
///   with inertial gate delays (M. Horowitz, "Computing's Energy Problem (and what we can do about it)", ISSCC 2014:
///   45 nm, 0.9 V, 8-bit multiply 0.2 pJ, 8-bit add 0.03 pJ). The 8-bit add is then a check.
/// - Leakage: 5.4 nW per transistor at 0.9 V, from an off current of ~100 nA/um (ITRS 2007,
///   45 nm high-performance logic, order of magnitude), 0.12 um average device width, half
///   of the devices off: 100 nA/um * 0.12 um * 0.5 * 0.9 V. It scales with the supply as
///   `(V / V0) * exp(k (V - V0))`, k = eta / (n v_T) = 0.1 / (1.5 * 0.0259 V) ~ 2.6 / V,
///   from drain-induced barrier lowering (K. Roy et al., "Leakage current mechanisms and
///   leakage reduction techniques in deep-submicrometer CMOS circuits", Proc. IEEE 2003).
/// - Voltage scaling: the alpha-power law, delay ~ V / (V - Vth)^alpha (T. Sakurai and
///   A. R. Newton, IEEE JSSC 25(2), 1990), Vth = 0.3 V and alpha = 1.3 as typical for a
///   45 nm velocity-saturated device; supplies below 0.5 V are not considered (near
///   threshold the law no longer holds).
public struct CellLibrary: Sendable {
  /// How a library's cells are timed.
  public enum TimingModel: String, Hashable, Sendable {
    /// Logical effort: an output's delay is `p + C_load` tau (the generic 45 nm library).
    case logicalEffort
    /// Non-linear delay model tables from a Liberty file, by input slew and output load.
    case nldm
  }

  /// A short name for reports.
  public var name: String
  /// The cells, in library order.
  public private(set) var cells: [CellType]
  /// How the cells are timed.
  public var timingModel: TimingModel = .logicalEffort
  /// The delay unit tau, in seconds (logical effort); for NLDM libraries, the unit the
  /// gate-delay simulation counts in (1 ps).
  public var tau: Double
  /// The input capacitance of the unit inverter, in farads (the capacitance unit); 1 fF
  /// for NLDM libraries.
  public var unitCapacitance: Double
  /// Wire capacitance per fanout branch, in unit capacitances: the wire-load model.
  public var wireCapacitancePerFanout: Double
  /// The load a primary output drives, in unit capacitances.
  public var primaryOutputLoad: Double
  /// The slew of every primary input, in seconds (NLDM timing; ideal drivers give 0).
  public var primaryInputSlew: Double = 0
  /// The nominal supply voltage, in volts.
  public var nominalVoltage: Double
  /// The threshold voltage of the alpha-power law, in volts.
  public var thresholdVoltage: Double
  /// The velocity-saturation exponent of the alpha-power law.
  public var alpha: Double
  /// The lowest supply voltage the models consider, in volts.
  public var minimumVoltage: Double
  /// Leakage power per transistor at the nominal supply, in watts (cells without their own
  /// `leakagePower`).
  public var leakagePerTransistor: Double
  /// The exponent coefficient of leakage against supply, per volt.
  public var leakageVoltageCoefficient: Double
  /// What `unitCapacitance` is calibrated against.
  public var calibration: EnergyCalibration
  /// What the area figures count (`transistors`, or the Liberty file's area unit).
  public var areaUnit: String = "transistors"
  /// The file the library was read from, if any.
  public var source: String?
  /// The line of `source` where the library group starts (0 when unknown).
  public var sourceLine = 0
  /// What reading the library skipped, and why (sequential cells, tri-states, ...).
  public var notes: [String] = []

  /// The energy figure a library's capacitance unit is scaled to match.
  public struct EnergyCalibration: Hashable, Sendable {
    /// Target energy per multiplication, in joules.
    public var energyPerMultiplication: Double
    /// Operand width of the unsigned array multiplier the target describes.
    public var multiplierBits: Int
    /// How many random operations the calibration simulates.
    public var operations: Int
    /// Seed of the random operands.
    public var seed: UInt64

    /// Creates a calibration target.
    public init(energyPerMultiplication: Double, multiplierBits: Int, operations: Int, seed: UInt64) {
      self.energyPerMultiplication = energyPerMultiplication
      self.multiplierBits = multiplierBits
      self.operations = operations
      self.seed = seed
    }
  }

  /// Creates a library of logical-effort cells.
  public init(
    name: String, cells: [CellType], tau: Double, unitCapacitance: Double, wireCapacitancePerFanout: Double,
    primaryOutputLoad: Double, nominalVoltage: Double, thresholdVoltage: Double, alpha: Double,
    minimumVoltage: Double, leakagePerTransistor: Double, leakageVoltageCoefficient: Double,
    calibration: EnergyCalibration
  ) {
    self.name = name
    self.cells = cells
    self.tau = tau
    self.unitCapacitance = unitCapacitance
    self.wireCapacitancePerFanout = wireCapacitancePerFanout
    self.primaryOutputLoad = primaryOutputLoad
    self.nominalVoltage = nominalVoltage
    self.thresholdVoltage = thresholdVoltage
    self.alpha = alpha
    self.minimumVoltage = minimumVoltage
    self.leakagePerTransistor = leakagePerTransistor
    self.leakageVoltageCoefficient = leakageVoltageCoefficient
    self.calibration = calibration
  }

  /// The index of the smallest cell computing `kind` (the first of equal ones), if any.
  public func cellIndex(of kind: CellKind) -> Int? {
    var best: Int?
    for (i, cell) in cells.enumerated() where cell.kind == kind {
      if best.map({ cell.area < cells[$0].area }) ?? true { best = i }
    }
    return best
  }

  /// The smallest cell computing `kind`; the library must have one (see `cellIndex(of:)`).
  public func cell(_ kind: CellKind) -> CellType {
    guard let index = cellIndex(of: kind) else { preconditionFailure("library \(name) has no \(kind) cell") }
    return cells[index]
  }

  /// Replaces the cell of the same name, or else the smallest of the same kind, or adds it
  /// (for what-if studies, e.g. an 8-transistor XOR2).
  public mutating func replace(_ cell: CellType) {
    if let index = cells.firstIndex(where: { $0.name == cell.name }) ?? cellIndex(of: cell.kind) {
      cells[index] = cell
    } else {
      cells.append(cell)
    }
  }

  /// This library restricted to the cells called `names` (in library order), for mapping
  /// onto a subset; throws when a name is not a cell of the library or the subset lacks a
  /// cell the mapper needs.
  public func subset(_ names: [String]) throws -> CellLibrary {
    if let unknown = names.first(where: { name in !cells.contains { $0.name == name } }) {
      throw LogicError(.invalidParameter, "library \(name) has no cell '\(unknown)' (it has \(cells.map(\.name).joined(separator: ", ")))")
    }
    var result = self
    result.cells = cells.filter { names.contains($0.name) }
    try result.checkMappable()
    return result
  }

  /// The 45 nm library at 0.9 V, with its capacitance unit calibrated to Horowitz's 0.2 pJ
  /// 8-bit multiplication (see the type's documentation).
  public static let cmos45nm: CellLibrary = uncalibrated45nm.calibrated()

  /// The 45 nm library before calibration: its capacitance unit, 0.1 fF, is only a start value.
  public static let uncalibrated45nm = CellLibrary(
    name: "cmos45nm", cells: standardCells, tau: 3e-12, unitCapacitance: 0.1e-15, wireCapacitancePerFanout: 0.5,
    primaryOutputLoad: 4, nominalVoltage: 0.9, thresholdVoltage: 0.3, alpha: 1.3, minimumVoltage: 0.5,
    leakagePerTransistor: 5.4e-9, leakageVoltageCoefficient: 0.1 / (1.5 * 0.0259),
    calibration: EnergyCalibration(energyPerMultiplication: 0.2e-12, multiplierBits: 8, operations: 10_000, seed: 2014))

  /// The cells of the 45 nm library (figures explained in the type's documentation).
  static let standardCells: [CellType] = [
    CellType(kind: .inv, name: "INV", inputPins: ["A"], outputPins: ["Y"], functions: [0x5555],
             transistors: 2, inputCapacitance: [1], parasiticDelay: [1], outputCapacitance: [1],
             internalCapacitance: [0]),
    CellType(kind: .nand2, name: "NAND2", inputPins: ["A", "B"], outputPins: ["Y"], functions: [0x7777],
             transistors: 4, inputCapacitance: [4.0 / 3, 4.0 / 3], parasiticDelay: [2], outputCapacitance: [2],
             internalCapacitance: [0]),
    CellType(kind: .nor2, name: "NOR2", inputPins: ["A", "B"], outputPins: ["Y"], functions: [0x1111],
             transistors: 4, inputCapacitance: [5.0 / 3, 5.0 / 3], parasiticDelay: [2], outputCapacitance: [2],
             internalCapacitance: [0]),
    // NAND2 (p 2) driving its unit output inverter (load 1) and that inverter (p 1).
    CellType(kind: .and2, name: "AND2", inputPins: ["A", "B"], outputPins: ["Y"], functions: [0x8888],
             transistors: 6, inputCapacitance: [4.0 / 3, 4.0 / 3], parasiticDelay: [4], outputCapacitance: [1],
             internalCapacitance: [3]),
    CellType(kind: .or2, name: "OR2", inputPins: ["A", "B"], outputPins: ["Y"], functions: [0xEEEE],
             transistors: 6, inputCapacitance: [5.0 / 3, 5.0 / 3], parasiticDelay: [4], outputCapacitance: [1],
             internalCapacitance: [3]),
    // Core g = 4, p = 4 (W&H ch. 4 tables), split as 2 per input polarity; each input also
    // drives its inverter (1); the inverted-input path adds that inverter's delay (1 + 2).
    CellType(kind: .xor2, name: "XOR2", inputPins: ["A", "B"], outputPins: ["Y"], functions: [0x6666],
             transistors: 12, inputCapacitance: [3, 3], parasiticDelay: [7], outputCapacitance: [4],
             internalCapacitance: [3]),
    CellType(kind: .xnor2, name: "XNOR2", inputPins: ["A", "B"], outputPins: ["Y"], functions: [0x9999],
             transistors: 12, inputCapacitance: [3, 3], parasiticDelay: [7], outputCapacitance: [4],
             internalCapacitance: [3]),
    // W&H ch. 4: AOI21 g = 2 (A, B), 5/3 (C), p = 7/3; OAI21 taken as its mirror.
    CellType(kind: .aoi21, name: "AOI21", inputPins: ["A", "B", "C"], outputPins: ["Y"], functions: [0x0707],
             transistors: 6, inputCapacitance: [2, 2, 5.0 / 3], parasiticDelay: [7.0 / 3],
             outputCapacitance: [7.0 / 3], internalCapacitance: [0]),
    CellType(kind: .oai21, name: "OAI21", inputPins: ["A", "B", "C"], outputPins: ["Y"], functions: [0x1F1F],
             transistors: 6, inputCapacitance: [2, 2, 5.0 / 3], parasiticDelay: [7.0 / 3],
             outputCapacitance: [7.0 / 3], internalCapacitance: [0]),
    // Inverting tristate mux (g 2, p 4, W&H ch. 4 tables) driving its output inverter (1 + 1);
    // the select pin also drives the select inverter.
    CellType(kind: .mux2, name: "MUX2", inputPins: ["D0", "D1", "S"], outputPins: ["Y"], functions: [0xCACA],
             transistors: 12, inputCapacitance: [2, 2, 3], parasiticDelay: [6], outputCapacitance: [1],
             internalCapacitance: [5]),
    // XOR2 and AND2 sharing their inputs.
    CellType(kind: .halfAdder, name: "HA", inputPins: ["A", "B"], outputPins: ["S", "CO"], functions: [0x6666, 0x8888],
             transistors: 18, inputCapacitance: [13.0 / 3, 13.0 / 3], parasiticDelay: [7, 4],
             outputCapacitance: [4, 1], internalCapacitance: [3, 3]),
    // The 28-transistor mirror adder with output inverters.
    CellType(kind: .fullAdder, name: "FA", inputPins: ["A", "B", "CI"], outputPins: ["S", "CO"],
             functions: [0x9696, 0xE8E8], transistors: 28, inputCapacitance: [4, 4, 3], parasiticDelay: [11, 6],
             outputCapacitance: [1, 1], internalCapacitance: [5, 5]),
  ]
}
