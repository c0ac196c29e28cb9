/// What a cell computes: its number of inputs and each output's truth table. Cells are
/// identified by this, not by their names, so any library's cells can be matched.
///
/// The twelve functions of the generic 45 nm library have names (`.inv`, `.nand2`, ...,
/// `.fullAdder`); any other function gets a name made of its arity and tables. Two kinds are
/// equal when their arity and tables are, whatever their names.
public struct CellKind: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// A short name (`nand2`, or `f3_1f1f` for an unnamed function).
  public let rawValue: String
  /// The number of inputs.
  public let arity: Int
  /// Each output's truth table over the inputs (bit `k` is the value for input pattern
  /// `k`), repeated to fill 16 bits.
  public let functions: [UInt16]

  init(name: String, arity: Int, functions: [UInt16]) {
    rawValue = name
    self.arity = arity
    self.functions = functions
  }

  /// The kind of a cell with `arity` inputs and these output tables (named when it is one of
  /// the standard kinds).
  public init(arity: Int, functions: [UInt16]) {
    if let known = CellKind.allCases.first(where: { $0.arity == arity && $0.functions == functions }) {
      self = known
    } else {
      let tables = functions.map { String($0, radix: 16) }.joined(separator: "_")
      self.init(name: "f\(arity)_\(tables)", arity: arity, functions: functions)
    }
  }

  /// Inverter.
  public static let inv = CellKind(name: "inv", arity: 1, functions: [0x5555])
  /// Two-input NAND.
  public static let nand2 = CellKind(name: "nand2", arity: 2, functions: [0x7777])
  /// Two-input NOR.
  public static let nor2 = CellKind(name: "nor2", arity: 2, functions: [0x1111])
  /// Two-input AND (NAND and inverter).
  public static let and2 = CellKind(name: "and2", arity: 2, functions: [0x8888])
  /// Two-input OR (NOR and inverter).
  public static let or2 = CellKind(name: "or2", arity: 2, functions: [0xEEEE])
  /// Two-input exclusive OR.
  public static let xor2 = CellKind(name: "xor2", arity: 2, functions: [0x6666])
  /// Two-input exclusive NOR.
  public static let xnor2 = CellKind(name: "xnor2", arity: 2, functions: [0x9999])
  /// AND-OR-invert: `!(a & b | c)`.
  public static let aoi21 = CellKind(name: "aoi21", arity: 3, functions: [0x0707])
  /// OR-AND-invert: `!((a | b) & c)`.
  public static let oai21 = CellKind(name: "oai21", arity: 3, functions: [0x1F1F])
  /// Two-input multiplexer: `s ? d1 : d0` (pins d0, d1, s).
  public static let mux2 = CellKind(name: "mux2", arity: 3, functions: [0xCACA])
  /// Half adder: sum `a ^ b`, carry `a & b`.
  public static let halfAdder = CellKind(name: "halfAdder", arity: 2, functions: [0x6666, 0x8888])
  /// Full adder: sum `a ^ b ^ c`, carry `maj(a, b, c)`.
  public static let fullAdder = CellKind(name: "fullAdder", arity: 3, functions: [0x9696, 0xE8E8])

  /// The named kinds, the cells of the generic 45 nm library, in its order.
  public static let allCases: [CellKind] = [
    .inv, .nand2, .nor2, .and2, .or2, .xor2, .xnor2, .aoi21, .oai21, .mux2, .halfAdder, .fullAdder,
  ]

  /// Equal when arity and tables are.
  public static func == (a: CellKind, b: CellKind) -> Bool { a.arity == b.arity && a.functions == b.functions }

  /// Hashes arity and tables.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(arity)
    hasher.combine(functions)
  }

  /// Named kinds in their declared order, then the others by arity and tables.
  public static func < (a: CellKind, b: CellKind) -> Bool {
    let i = allCases.firstIndex(of: a) ?? Int.max, j = allCases.firstIndex(of: b) ?? Int.max
    if i != j { return i < j }
    if a.arity != b.arity { return a.arity < b.arity }
    return a.functions.lexicographicallyPrecedes(b.functions)
  }

  /// The name.
  public var description: String { rawValue }
}

/// One cell of a library: its logic, size, and the electrical figures the models use.
///
/// A cell of the generic 45 nm library follows the logical-effort model with every cell
/// sized for the drive of the unit inverter: a cell output's delay is `p + C_load` in units
/// of tau, where `p` is the parasitic delay and `C_load` the load in units of the unit
/// inverter's input capacitance. A cell read from a Liberty file carries its NLDM tables
/// instead (`nldm`), its input capacitances in the library's capacitance unit (1 fF for
/// Liberty libraries), and zero parasitic delays.
public struct CellType: Hashable, Sendable {
  /// What the cell computes.
  public var kind: CellKind
  /// The name used in netlists (`NAND2`, `NAND2X1`).
  public var name: String
  /// Input pin names, in the order the truth tables use (pin `i` is variable `i`).
  public var inputPins: [String]
  /// Output pin names.
  public var outputPins: [String]
  /// Each output's truth table over the inputs (bit `k` is the value for input pattern `k`),
  /// repeated to fill 16 bits.
  public var functions: [UInt16]
  /// Transistor count (0 when the library does not state it, as Liberty files do not).
  public var transistors: Int
  /// The area the mapper minimises: transistors for the 45 nm library, the Liberty `area`
  /// (usually square micrometres) for a Liberty library.
  public var area: Double
  /// Capacitance of each input pin, in the library's unit capacitances.
  public var inputCapacitance: [Double]
  /// Parasitic delay of each output, in tau (includes the cell's internal stages).
  public var parasiticDelay: [Double]
  /// Diffusion capacitance at each output, in unit capacitances.
  public var outputCapacitance: [Double]
  /// Capacitance of internal nodes that switch with each output toggle, in the same units.
  public var internalCapacitance: [Double]
  /// Leakage power at the nominal corner, in watts, when the library states it per cell.
  public var leakagePower: Double?
  /// Timing arcs and internal-power tables, for a cell read from a Liberty file.
  public var nldm: NLDMCell?

  /// Creates a logical-effort cell; all per-pin and per-output arrays must match the pin lists.
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
    self.area = Double(transistors)
    self.inputCapacitance = inputCapacitance
    self.parasiticDelay = parasiticDelay
    self.outputCapacitance = outputCapacitance
    self.internalCapacitance = internalCapacitance
  }

  /// Creates a cell with NLDM tables (from a Liberty file): capacitances in unit capacitances.
  public init(
    name: String, inputPins: [String], outputPins: [String], functions: [UInt16], area: Double,
    inputCapacitance: [Double], outputCapacitance: [Double], leakagePower: Double?, nldm: NLDMCell
  ) {
    kind = CellKind(arity: inputPins.count, functions: functions)
    self.name = name
    self.inputPins = inputPins
    self.outputPins = outputPins
    self.functions = functions
    transistors = 0
    self.area = area
    self.inputCapacitance = inputCapacitance
    parasiticDelay = Array(repeating: 0, count: outputPins.count)
    self.outputCapacitance = outputCapacitance
    internalCapacitance = Array(repeating: 0, count: outputPins.count)
    self.leakagePower = leakagePower
    self.nldm = nldm
  }

  /// The number of inputs.
  public var arity: Int { inputPins.count }
}
