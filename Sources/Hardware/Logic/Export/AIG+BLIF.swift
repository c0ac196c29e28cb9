/// Berkeley Logic Interchange Format at the AIG level, for ABC and Yosys.
extension AIG {
  /// The name of an internal node in exported netlists (chosen not to look like a port bit).
  static func netName(ofNode node: Int) -> String { "_n\(node)_" }

  /// The circuit as BLIF: one two-input `.names` per AND node, with complemented fanins
  /// written into the cover, and one buffer or inverter per output.
  public func blif(modelName: String = "circuit") -> String {
    var lines: [String] = []
    lines.reserveCapacity(andCount * 2 + outputCount * 2 + 8)
    lines.append(".model \(modelName)")
    lines.append(".inputs " + inputNames.joined(separator: " "))
    lines.append(".outputs " + outputNames.joined(separator: " "))
    func name(_ node: Int) -> String {
      isInput(node) ? inputNames[inputIndex(ofNode: node)] : AIG.netName(ofNode: node)
    }
    let reached = reachableNodes()
    for node in 1..<nodeCount where isAnd(node) && reached[node] {
      let a = fanin0(node), b = fanin1(node)
      lines.append(".names \(name(a.node)) \(name(b.node)) \(name(node))")
      lines.append("\(a.isComplemented ? 0 : 1)\(b.isComplemented ? 0 : 1) 1")
    }
    for (literal, outputName) in zip(outputs, outputNames) {
      if literal.isConstant {
        lines.append(".names \(outputName)")
        if literal == .true { lines.append("1") }
      } else {
        lines.append(".names \(name(literal.node)) \(outputName)")
        lines.append(literal.isComplemented ? "0 1" : "1 1")
      }
    }
    lines.append(".end")
    return lines.joined(separator: "\n") + "\n"
  }
}
