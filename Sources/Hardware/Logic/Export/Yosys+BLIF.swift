/// Reading Verilog back with Yosys, for equivalence checks of exported circuits.
extension Yosys {
  /// The BLIF Yosys writes after reading `verilog` (module `top`) and lowering it to gates
  /// (`hierarchy; proc; flatten; techmap; opt; write_blif`).
  public func blif(fromVerilog verilog: String, top: String) throws -> String {
    let script = "read_verilog c.v; hierarchy -top \(top); proc; flatten; techmap; opt; write_blif out.blif"
    let result = try ExternalProcess.run(path, ["-p", script], files: ["c.v": verilog])
    guard result.status == 0, let blif = result.written["out.blif"] else {
      throw LogicError(.externalTool, "yosys could not read the Verilog (status \(result.status)): \(result.output.suffix(2000))")
    }
    return blif
  }
}
