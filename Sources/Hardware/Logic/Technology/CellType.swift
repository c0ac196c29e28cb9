/// The kinds of static CMOS cells the technology mapper uses.
public enum CellKind: String, CaseIterable, Hashable, Sendable, Comparable {
  /// Inverter.
  case inv
  /// Two-input NAND.
  case nand2
  /// Two-input NOR.
  case nor2
  /// Two-input AND (NAND and inverter).
  case and2
  /// Two-input OR (NOR and inverter).
  case or2
  /// Two-input exclusive OR.
  case xor2
  /// Two-input exclusive NOR.
  case xnor2
  /// AND-OR-invert: `!(a & b | c)`.
  case aoi21
  /// OR-AND-invert: `!((a | b) & c)`.
  case oai21
  /// Two-input multiplexer: `s ? d1 : d0`.
  case mux2
  /// Half adder: sum `a ^ b`, carry `a & b`.
  case halfAdder
  /// Full adder: sum `a ^ b ^ c`, carry `maj(a, b, c)`.
  case fullAdder

  /// Orders kinds as declared.
  public static func < (a: CellKind, b: CellKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One cell of a library: its logic, size, and the electrical figures the models use.
///
/// Figures follow the logical-effort model with every cell sized for the drive of the unit
/// inverter: a cell output's delay is `p + C_load` in units of tau, where `p` is the
/// parasitic delay and `C_load` the load in units of the unit inverter's input capacitance.
public struct CellType: Hashable, Sendable {
  /// Which cell this is.
  public var kind: CellKind
  /// The name used in netlists (`NAND2`).
  public var name: String
  /// Input pin names, in the order the truth tables use (pin `i` is variable `i`).
  public var inputPins: [String]
  /// Output pin names.
  public var outputPins: [String]
  /// Each output's truth table over the inputs (bit `k` is the value for input pattern `k`),
  /// repeated to fill 16 bits.
  public var functions: [UInt16]
  /// Transistor count: the area measure.
  public var transistors: Int
  /// Capacitance of each input pin, in units of the unit inverter's input capacitance.
  public var inputCapacitance: [Double]
  /// Parasitic delay of each output, in tau (includes the cell's internal stages).
  public var parasiticDelay: [Double]
  /// Diffusion capacitance at each output, in unit-inverter input capacitances.
  public var outputCapacitance: [Double]
  /// Capacitance of internal nodes that switch with each output toggle, in the same units.
  public var internalCapacitance: [Double]

  /// Creates a cell type; all per-pin and per-output arrays must match the pin lists.
  public init(
    kind: CellKind, name: String, inputPins: [String], outputPins: [String], functions: [UInt16],
    transistors: Int, inputCapacitance: [Double], parasiticDelay: [Double], outputCapacitance: [Double],
    internalCapacitance: [Double]
  ) {
    precondition(inputCapacitance.count == inputPins.count, "\(name): one input capacitance per input pin")
    precondition(
      [functions.count, parasiticDelay.count, outputCapacitance.count, internalCapacitance.count]
        .allSatisfy { $0 == outputPins.count }, "\(name): one function and figure set per output pin")
    self.kind = kind
    self.name = name
    self.inputPins = inputPins
    self.outputPins = outputPins
    self.functions = functions
    self.transistors = transistors
    self.inputCapacitance = inputCapacitance
    self.parasiticDelay = parasiticDelay
    self.outputCapacitance = outputCapacitance
    self.internalCapacitance = internalCapacitance
  }

  /// The number of inputs.
  public var arity: Int { inputPins.count }
}
