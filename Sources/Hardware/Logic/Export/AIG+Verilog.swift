/// Structural Verilog at the AIG level, for Yosys or any simulator.
extension AIG {
  /// The circuit as a Verilog module: one `assign` per AND node (complemented fanins as
  /// `~`), ports as declared buses.
  public func verilog(moduleName: String = "circuit") -> String {
    let ins = NetlistNames.references(names: inputNames, ports: inputPorts, direction: "input")
    let outs = NetlistNames.references(names: outputNames, ports: outputPorts, direction: "output")
    var lines = ["module \(NetlistNames.verilogIdentifier(moduleName)) ("]
    let declarations = ins.declarations + outs.declarations
    for (i, declaration) in declarations.enumerated() {
      lines.append("  " + declaration + (i + 1 < declarations.count ? "," : ""))
    }
    lines.append(");")
    func ref(_ literal: Literal) -> String {
      if literal.isConstant { return literal == .true ? "1'b1" : "1'b0" }
      let base = isInput(literal.node) ? ins.references[inputIndex(ofNode: literal.node)] : AIG.netName(ofNode: literal.node)
      return literal.isComplemented ? "~" + base : base
    }
    let reached = reachableNodes()
    let nodes = (1..<nodeCount).filter { isAnd($0) && reached[$0] }
    for node in nodes { lines.append("  wire \(AIG.netName(ofNode: node));") }
    for node in nodes {
      lines.append("  assign \(AIG.netName(ofNode: node)) = \(ref(fanin0(node))) & \(ref(fanin1(node)));")
    }
    for (index, literal) in outputs.enumerated() {
      lines.append("  assign \(outs.references[index]) = \(ref(literal));")
    }
    lines.append("endmodule")
    return lines.joined(separator: "\n") + "\n"
  }
}
