/// The graph as plain arrays, to store it and read it back exactly (node for node).
extension AIG {
  /// The first fanin of every node in its packed form (`UInt32.max` marks an input, 0 the constant).
  public var rawFanin0: [UInt32] { fanin0Raw }
  /// The second fanin of every node in its packed form (the input index for inputs).
  public var rawFanin1: [UInt32] { fanin1Raw }

  /// Rebuilds a graph from ``rawFanin0``, ``rawFanin1`` and its interface, checking every
  /// invariant (topological, canonical and unique AND nodes, inputs in order, ports in range).
  ///
  /// - Throws: `LogicError` when the arrays do not describe a valid graph.
  public init(
    rawFanin0: [UInt32], rawFanin1: [UInt32], inputNames: [String], outputs: [Literal], outputNames: [String],
    inputPorts: [Port], outputPorts: [Port]
  ) throws {
    self.init()
    func invalid(_ why: String) -> LogicError { LogicError(.invalidParameter, "stored and-inverter graph: \(why)") }
    guard rawFanin0.count == rawFanin1.count, rawFanin0.first == 0, rawFanin1.first == 0 else {
      throw invalid("fanin arrays do not match")
    }
    reserveCapacity(rawFanin0.count)
    for node in 1..<rawFanin0.count {
      if rawFanin0[node] == AIG.inputMarker {
        guard Int(rawFanin1[node]) == inputNodes.count, inputNodes.count < inputNames.count else {
          throw invalid("input node \(node) is out of order")
        }
        addInput(inputNames[inputNodes.count])
        continue
      }
      let a = Literal(raw: rawFanin0[node]), b = Literal(raw: rawFanin1[node])
      guard a.raw < b.raw, a.node < node, b.node < node, !a.isConstant, a.raw ^ 1 != b.raw, lookupAnd(a, b) == nil else {
        throw invalid("AND node \(node) is not canonical")
      }
      _ = createAnd(a, b)
    }
    guard inputNodes.count == inputNames.count else { throw invalid("\(inputNames.count) input names for \(inputNodes.count) inputs") }
    guard outputs.count == outputNames.count, outputs.allSatisfy({ $0.node < nodeCount }) else {
      throw invalid("outputs do not match the graph")
    }
    guard inputPorts.allSatisfy({ $0.bits.allSatisfy { inputNodes.indices.contains($0) } }),
      outputPorts.allSatisfy({ $0.bits.allSatisfy { outputs.indices.contains($0) } })
    else { throw invalid("a port names a bit outside the graph") }
    setInputPorts(inputPorts)
    setOutputs(outputs, names: outputNames, ports: outputPorts)
  }
}
