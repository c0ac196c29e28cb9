/// Rebuilding a graph: dropping dangling logic, tying inputs to constants.
extension AIG {
  /// Which nodes the outputs depend on (the constant and inputs included when reached).
  public func reachableNodes() -> [Bool] {
    var reached = [Bool](repeating: false, count: nodeCount)
    for literal in outputs { reached[literal.node] = true }
    for node in stride(from: nodeCount - 1, to: 0, by: -1) where reached[node] && isAnd(node) {
      reached[Int(fanin0Raw[node] >> 1)] = true
      reached[Int(fanin1Raw[node] >> 1)] = true
    }
    return reached
  }

  /// A copy without the AND nodes no output depends on, all inputs kept, hashed afresh.
  public func compacted() -> AIG { rebuilt(tying: [:], removeTied: false) }

  /// A copy with inputs tied to constants (input index -> value), constants propagated,
  /// rehashed and dangling logic removed.
  ///
  /// With `removeTied` the tied inputs disappear from the input list and their ports
  /// (a port left with no bits is dropped); otherwise they stay as unused inputs.
  public func rebuilt(tying constants: [Int: Bool], removeTied: Bool = true) -> AIG {
    let reached = reachableNodes()
    var result = AIG()
    result.reserveCapacity(andCount)
    var map = [Literal](repeating: .false, count: nodeCount)
    var newIndex = [Int?](repeating: nil, count: inputCount)
    for (index, node) in inputNodes.enumerated() {
      if let value = constants[index] {
        map[node] = .constant(value)
        if removeTied { continue }
      }
      newIndex[index] = result.inputCount
      let literal = result.addInput(inputNames[index])
      if constants[index] == nil { map[node] = literal }
    }
    result.setInputPorts(inputPorts.compactMap { port in
      let bits = port.bits.compactMap { newIndex[$0] }
      return bits.isEmpty ? nil : Port(name: port.name, bits: bits, isSigned: port.isSigned)
    })
    for node in 1..<nodeCount where reached[node] && isAnd(node) {
      let a = fanin0(node), b = fanin1(node)
      map[node] = result.and(map[a.node].complemented(if: a.isComplemented), map[b.node].complemented(if: b.isComplemented))
    }
    result.setOutputs(
      outputs.map { map[$0.node].complemented(if: $0.isComplemented) }, names: outputNames, ports: outputPorts)
    return result
  }

  /// A copy with the whole input port `name` tied to the integer `value` and removed.
  public func embedding(_ name: String, value: Int) throws -> AIG {
    guard let port = inputPort(named: name) else {
      throw LogicError(.unknownPort, "no input port '\(name)'; the ports are \(inputPorts.map(\.name))")
    }
    guard value >= port.minimum && value <= port.maximum else {
      throw LogicError(.valueOutOfRange, "\(value) does not fit input port '\(name)' (\(port.minimum)...\(port.maximum))")
    }
    var constants: [Int: Bool] = [:]
    for (bit, input) in port.bits.enumerated() { constants[input] = (value >> bit) & 1 == 1 }
    return rebuilt(tying: constants)
  }

  /// The logic depth: the most AND nodes on any input-to-output path.
  public var depth: Int {
    var level = [Int](repeating: 0, count: nodeCount)
    for node in 1..<nodeCount where isAnd(node) {
      level[node] = 1 + max(level[fanin0(node).node], level[fanin1(node).node])
    }
    return outputs.map { level[$0.node] }.max() ?? 0
  }
}
