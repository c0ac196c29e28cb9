/// Names for exported netlists: Verilog identifiers and port-bit references.
enum NetlistNames {
  /// `name` as a Verilog identifier, escaped (`\name `) when it is not a plain one.
  static func verilogIdentifier(_ name: String) -> String {
    let plain = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
      && name.allSatisfy { $0 == "_" || $0 == "$" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    return plain ? name : "\\" + name.filter { !$0.isWhitespace } + " "
  }

  /// The Verilog reference of every bit of a list of named signals grouped into ports:
  /// `port[bit]` for bits of multi-bit ports, the port name for one-bit ports, the
  /// signal's own (escaped) name otherwise. Also returns the declarations, in order.
  static func references(names: [String], ports: [Port], direction: String)
    -> (references: [String], declarations: [String])
  {
    var references = names.map { verilogIdentifier($0) }
    var declarations: [String] = []
    var inPort = [Bool](repeating: false, count: names.count)
    for port in ports {
      let id = verilogIdentifier(port.name)
      let signed = port.isSigned ? " signed" : ""
      declarations.append(port.width == 1 ? "\(direction)\(signed) \(id)" : "\(direction)\(signed) [\(port.width - 1):0] \(id)")
      for (bit, index) in port.bits.enumerated() {
        references[index] = port.width == 1 ? id : "\(id)[\(bit)]"
        inPort[index] = true
      }
    }
    for (index, name) in names.enumerated() where !inPort[index] {
      declarations.append("\(direction) \(verilogIdentifier(name))")
    }
    return (references, declarations)
  }
}
