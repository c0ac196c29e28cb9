/// BLIF and structural Verilog of a mapped netlist.
extension MappedNetlist {
  /// The name of a net in exported netlists.
  func netName(_ net: Int, inputs: [String]) -> String {
    switch drivers[net] {
    case .constant(let value): return value ? "1'b1" : "1'b0"
    case .input(let index): return inputs[index]
    case .cell: return "_w\(net)_"
    }
  }

  /// The netlist as BLIF: each cell output as a `.names` cover of its function (so ABC and
  /// Yosys read it without a cell library), outputs as buffers.
  public func blif(modelName: String = "circuit") -> String {
    var lines = [".model \(modelName)", ".inputs " + inputNames.joined(separator: " "),
                 ".outputs " + outputNames.joined(separator: " ")]
    func name(_ net: Int) -> String {
      switch drivers[net] {
      case .constant(let value): return value ? "_one_" : "_zero_"
      case .input(let index): return inputNames[index]
      case .cell: return "_w\(net)_"
      }
    }
    lines.append(".names _zero_")
    lines.append(".names _one_")
    lines.append("1")
    for instance in instances {
      let cell = library.cells[instance.cell]
      for (pin, net) in instance.outputs.enumerated() {
        lines.append("# \(cell.name) \(cell.outputPins[pin])")
        lines.append(".names " + (instance.inputs.map(name) + [name(net)]).joined(separator: " "))
        for pattern in 0..<(1 << cell.arity) where (cell.functions[pin] >> UInt16(pattern)) & 1 == 1 {
          let bits = (0..<cell.arity).map { (pattern >> $0) & 1 == 1 ? "1" : "0" }.joined()
          lines.append("\(bits) 1")
        }
      }
    }
    for (index, net) in outputNets.enumerated() {
      lines.append(".names \(name(net)) \(outputNames[index])")
      lines.append("1 1")
    }
    lines.append(".end")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The netlist as structural Verilog: one instance per cell, preceded by a behavioural
  /// module for each cell used, so the file stands alone (unless `cellModules` is false:
  /// then the cells are left to a library, as tools reading a Liberty file expect).
  public func verilog(moduleName: String = "circuit", cellModules: Bool = true) -> String {
    let ins = NetlistNames.references(names: inputNames, ports: inputPorts, direction: "input")
    let outs = NetlistNames.references(names: outputNames, ports: outputPorts, direction: "output")
    var lines: [String] = []
    if cellModules {
      for cell in Set(instances.map(\.cell)).sorted() {
        lines.append(contentsOf: MappedNetlist.cellModule(library.cells[cell]))
      }
    }
    lines.append("module \(NetlistNames.verilogIdentifier(moduleName)) (")
    let declarations = ins.declarations + outs.declarations
    for (i, declaration) in declarations.enumerated() {
      lines.append("  " + declaration + (i + 1 < declarations.count ? "," : ""))
    }
    lines.append(");")
    let cellNets = (2..<netCount).filter { if case .cell = drivers[$0] { return true } else { return false } }
    for net in cellNets { lines.append("  wire _w\(net)_;") }
    for (index, instance) in instances.enumerated() {
      let cell = library.cells[instance.cell]
      let connections = zip(cell.inputPins, instance.inputs).map { ".\($0)(\(netName($1, inputs: ins.references)))" }
        + zip(cell.outputPins, instance.outputs).map { ".\($0)(_w\($1)_)" }
      lines.append("  \(cell.name) u\(index) (\(connections.joined(separator: ", ")));")
    }
    for (index, net) in outputNets.enumerated() {
      lines.append("  assign \(outs.references[index]) = \(netName(net, inputs: ins.references));")
    }
    lines.append("endmodule")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A behavioural Verilog module for a cell.
  static func cellModule(_ cell: CellType) -> [String] {
    var lines = ["module \(cell.name) (input \(cell.inputPins.joined(separator: ", ")), output \(cell.outputPins.joined(separator: ", ")));"]
    for (pin, output) in cell.outputPins.enumerated() {
      lines.append("  assign \(output) = \(expression(cell, output: pin));")
    }
    lines.append("endmodule")
    return lines
  }

  /// The Verilog expression of one cell output over the cell's pin names.
  static func expression(_ cell: CellType, output: Int) -> String {
    let p = cell.inputPins
    switch cell.kind {
    case .inv: return "~\(p[0])"
    case .nand2: return "~(\(p[0]) & \(p[1]))"
    case .nor2: return "~(\(p[0]) | \(p[1]))"
    case .and2: return "\(p[0]) & \(p[1])"
    case .or2: return "\(p[0]) | \(p[1])"
    case .xor2: return "\(p[0]) ^ \(p[1])"
    case .xnor2: return "~(\(p[0]) ^ \(p[1]))"
    case .aoi21: return "~((\(p[0]) & \(p[1])) | \(p[2]))"
    case .oai21: return "~((\(p[0]) | \(p[1])) & \(p[2]))"
    case .mux2: return "\(p[2]) ? \(p[1]) : \(p[0])"
    case .halfAdder: return output == 0 ? "\(p[0]) ^ \(p[1])" : "\(p[0]) & \(p[1])"
    case .fullAdder:
      return output == 0 ? "\(p[0]) ^ \(p[1]) ^ \(p[2])" : "(\(p[0]) & \(p[1])) | (\(p[2]) & (\(p[0]) ^ \(p[1])))"
    default:
      // Any other function: its minterms.
      let table = cell.functions[output]
      var terms: [String] = []
      for pattern in 0..<(1 << cell.arity) where (table >> UInt16(pattern)) & 1 == 1 {
        var literals: [String] = []
        for i in 0..<cell.arity { literals.append((pattern >> i) & 1 == 1 ? p[i] : "~" + p[i]) }
        terms.append("(" + literals.joined(separator: " & ") + ")")
      }
      return terms.isEmpty ? "1'b0" : terms.joined(separator: " | ")
    }
  }
}
