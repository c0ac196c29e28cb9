/// Zero-delay bit-parallel simulation of a mapped netlist (64 patterns per word).
extension MappedNetlist {
  /// The value words of one cell output for its input words.
  @inlinable
  public static func evaluate(
    _ kind: CellKind, output: Int, _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64 = 0
  ) -> UInt64 {
    WordLogic.evaluate(kind.functions[output], a, b, c, d)
  }

  /// The value word of every net for one word per primary input.
  public func simulateNets(inputWords: [UInt64]) -> [UInt64] {
    precondition(inputWords.count == inputNets.count, "expected \(inputNets.count) input words")
    var values = [UInt64](repeating: 0, count: netCount)
    values.withUnsafeMutableBufferPointer { v in fill(v, inputWord: { inputWords[$0] }) }
    return values
  }

  /// Evaluates every net into `v`, taking primary-input words from `inputWord(index)`.
  func fill(_ v: UnsafeMutableBufferPointer<UInt64>, inputWord: (Int) -> UInt64) {
    v[0] = 0
    v[1] = ~0
    for (i, net) in inputNets.enumerated() { v[net] = inputWord(i) }
    for instance in instances {
      let ins = instance.inputs
      let a = ins.isEmpty ? 0 : v[ins[0]]
      let b = ins.count > 1 ? v[ins[1]] : 0
      let c = ins.count > 2 ? v[ins[2]] : 0
      let d = ins.count > 3 ? v[ins[3]] : 0
      let functions = instance.kind.functions
      for (o, net) in instance.outputs.enumerated() {
        v[net] = WordLogic.evaluate(functions[o], a, b, c, d)
      }
    }
  }

  /// Output streams for input streams (`streams[input][word]`), indexed the same way.
  public func simulate(streams: [[UInt64]]) -> [[UInt64]] {
    precondition(streams.count == inputNets.count, "expected \(inputNets.count) input streams")
    let words = streams.first?.count ?? 0
    var result = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: outputNets.count)
    var values = [UInt64](repeating: 0, count: netCount)
    values.withUnsafeMutableBufferPointer { v in
      for w in 0..<words {
        fill(v, inputWord: { streams[$0][w] })
        for (o, net) in outputNets.enumerated() { result[o][w] = v[net] }
      }
    }
    return result
  }

  /// Evaluates the netlist on integer operands, one list per input port (see `AIG.evaluate`).
  public func evaluate(_ operands: [String: [Int]]) throws -> [String: [Int]] {
    let (streams, count) = try OperandPacking.pack(operands, ports: inputPorts, inputCount: inputNets.count)
    return OperandPacking.unpack(simulate(streams: streams), ports: outputPorts, count: count)
  }
}
