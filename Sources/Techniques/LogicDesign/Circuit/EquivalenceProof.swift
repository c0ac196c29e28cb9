import Hardware

/// The external proof that an exported circuit is the network: Yosys reads the circuit's
/// Verilog, and ABC's `cec` proves what Yosys read equivalent to the reference netlist.
public struct EquivalenceProof: Sendable {
  /// Whether ABC proved the two equivalent.
  public var equivalent: Bool
  /// The AND nodes of the circuit exported and of the reference.
  public var circuitNodes: Int, referenceNodes: Int

  /// Exports `circuit` to Verilog, reads it back with Yosys and runs ABC `cec` against
  /// `reference` (BLIF); throws when a tool is missing or fails.
  public static func prove(_ circuit: AIG, against reference: AIG) throws -> EquivalenceProof {
    guard let yosys = Yosys() else { throw LogicDesignError("yosys is not installed (Debian package 'yosys')") }
    guard let abc = BerkeleyABC() else { throw LogicDesignError("berkeley-abc is not installed (Debian package 'berkeley-abc')") }
    let read = try yosys.blif(fromVerilog: circuit.verilog(moduleName: "top"), top: "top")
    let equivalent = try abc.equivalent(read, reference.blif(modelName: "top"))
    return EquivalenceProof(equivalent: equivalent, circuitNodes: circuit.andCount, referenceNodes: reference.andCount)
  }
}
