import Hardware
import Kernel
import Tensor

/// A multiplier or MAC circuit in the language: `m.transistors`, `m.delay`; displays its metrics.
///
/// The circuit is an AIG mapped onto a cell library (the 45 nm one unless `library:` named
/// another). Delay is static timing; energy is measured once, lazily, by inertial-delay
/// simulation of ``operations`` uniform random operand vectors (from a fixed seed), so
/// glitches count.
public final class CircuitObject: LabObject {
  /// `Circuit`.
  public static let typeName = "Circuit"
  /// Random operations the energy figure is measured over.
  public static let operations = 1024

  /// What the circuit computes.
  public enum Function: Sendable {
    /// `p = x * w`.
    case multiplier
    /// `y = acc + x * w`, modulo `2^accumulatorBits`.
    case mac
  }

  /// What the circuit computes.
  public let function: Function
  /// The shape (for a multiplier, `accumulatorBits` is 0).
  public let configuration: MACConfiguration
  /// The logic, simplified when constants are embedded.
  public let aig: AIG
  /// The logic mapped onto the cell library.
  public let netlist: MappedNetlist
  /// The generic circuit the constants were embedded into, if any.
  public let generic: CircuitObject?
  /// Embedded constants (port name -> value); empty for a generic circuit.
  public let constants: [String: Int]

  /// Wraps a circuit and maps it onto `library`; throws when the library lacks a cell the
  /// mapper needs.
  public init(
    function: Function, configuration: MACConfiguration, aig: AIG, library: CellLibrary, generic: CircuitObject? = nil,
    constants: [String: Int] = [:]
  ) throws {
    self.function = function
    self.configuration = configuration
    self.aig = aig
    self.netlist = try aig.technologyMapped(to: library)
    self.generic = generic
    self.constants = constants
  }

  /// The cell library the circuit is mapped onto.
  public var library: CellLibrary { netlist.library }

  /// Whether the library gives areas rather than transistor counts (a Liberty library).
  var measuresArea: Bool { library.areaUnit != "transistors" }

  /// Static critical delay, in picoseconds.
  public var delayPicoseconds: Double { netlist.staticTiming().criticalDelay * 1e12 }

  /// Average dynamic energy per operation (pJ) and leakage (W), measured once.
  public private(set) lazy var energy: (picojoules: Double, leakage: Double) = {
    var random = SplitMix64(seed: 1)
    var stream: [String: [Int]] = [:]
    for port in aig.inputPorts {
      let span = UInt64(port.maximum - port.minimum + 1)
      stream[port.name] = (0..<Self.operations).map { _ in port.minimum + Int(random.next() % span) }
    }
    // Ports were built by the generators and every value is in range, so this cannot fail;
    // a circuit without inputs (everything embedded) does not switch.
    guard !stream.isEmpty, let report = try? netlist.switching(stream, counting: .inertial) else {
      return (0, netlist.leakagePower())
    }
    return (report.energyPerTransition() * 1e12, netlist.leakagePower())
  }()

  /// Average power at 1 GHz (dynamic plus leakage), in microwatts.
  public var powerMicrowatts: Double { energy.picojoules * 1e-12 * 1e9 * 1e6 + energy.leakage * 1e6 }

  /// A short name: `8x8 signed multiplier (array)`, `... with w = -2`.
  public var name: String {
    let c = configuration
    let sign = c.activationSigned ? "signed" : "unsigned"
    var text: String
    switch function {
    case .multiplier: text = "\(c.activationBits)x\(c.weightBits) \(sign) multiplier (\(c.architecture.rawValue))"
    case .mac: text = "\(c.activationBits)x\(c.weightBits)+\(c.accumulatorBits) \(sign) MAC (\(c.architecture.rawValue))"
    }
    if !constants.isEmpty {
      text += " with " + constants.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
    }
    return text
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("inputs", "Primary input bits."),
    ("outputs", "Primary output bits."),
    ("and_nodes", "AND nodes of the (simplified) and-inverter graph."),
    ("cells", "Standard cells of the mapped netlist."),
    ("transistors", "Transistors of the mapped netlist (0 on a Liberty library, which gives areas instead)."),
    ("area", "Cell area of the mapped netlist in the library's unit (square micrometres for OSU; transistors for generic45)."),
    ("library", "The name of the cell library."),
    ("delay", "Static critical-path delay at the nominal supply, in picoseconds."),
    ("energy", "Average dynamic energy per operation over random operands, in picojoules (glitches counted)."),
    ("leakage", "Leakage power at the nominal supply, in microwatts."),
    ("power", "Average power at 1 GHz (dynamic plus leakage), in microwatts."),
    ("weight", "The embedded weight, or none for a generic circuit."),
    ("kind", "\"multiplier\" or \"mac\"."),
    ("metrics", "All the figures above as a record."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { Self.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "inputs": return .number(Double(aig.inputCount))
    case "outputs": return .number(Double(aig.outputCount))
    case "and_nodes": return .number(Double(aig.andCount))
    case "cells": return .number(Double(netlist.instances.count))
    case "transistors": return .number(Double(netlist.transistorCount))
    case "area": return .number(netlist.area)
    case "library": return .string(library.name)
    case "delay": return .number(delayPicoseconds)
    case "energy": return .number(energy.picojoules)
    case "leakage": return .number(energy.leakage * 1e6)
    case "power": return .number(powerMicrowatts)
    case "weight": return constants["w"].map { .number(Double($0)) } ?? Value.none
    case "kind": return .string(function == .multiplier ? "multiplier" : "mac")
    case "metrics": return .record(Record(metricFields))
    default: return nil
    }
  }

  /// The figures of the display table, in order.
  var metricFields: [(key: String, value: Value)] {
    let size: (key: String, value: Value) =
      measuresArea ? ("area", .number(netlist.area)) : ("transistors", .number(Double(netlist.transistorCount)))
    return [
      ("inputs", .number(Double(aig.inputCount))), ("outputs", .number(Double(aig.outputCount))),
      ("and_nodes", .number(Double(aig.andCount))), ("cells", .number(Double(netlist.instances.count))),
      size, ("delay_ps", .number(delayPicoseconds)),
      ("energy_pj", .number(energy.picojoules)), ("power_uw", .number(powerMicrowatts)),
    ]
  }

  /// `<Circuit 8x8 signed multiplier (array), 1234 transistors>` (or its area on a Liberty library).
  public var summary: String {
    let size = measuresArea ? "area \(NumberFormatting.general(netlist.area, significant: 4)) on \(library.name)" : "\(netlist.transistorCount) transistors"
    return "<Circuit \(name), \(size)>"
  }

  /// A table of the metrics.
  public func display() -> [DisplayItem] {
    let rows = metricFields.map { field -> [TableCell] in
      guard case .number(let x) = field.value else { return [TableCell(text: field.key), TableCell(text: "")] }
      let text = x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : NumberFormatting.general(x, significant: 4)
      return [TableCell(text: field.key), TableCell(text: text, number: x)]
    }
    return [.table(TableDisplay(
      columns: ["metric", "value"], rows: rows,
      caption: "\(name): \(HardwareLibrary.cellsName(library)), static delay, energy over \(Self.operations) random operations, power at 1 GHz"))]
  }
}
