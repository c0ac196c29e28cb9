/// Bit-parallel simulation: each UInt64 word carries 64 input patterns, one per bit lane.
extension AIG {
  /// The value word of every node for one word per input (`inputWords[i]` feeds input `i`).
  public func simulateNodes(inputWords: [UInt64]) -> [UInt64] {
    precondition(inputWords.count == inputCount, "expected \(inputCount) input words, got \(inputWords.count)")
    var values = [UInt64](repeating: 0, count: nodeCount)
    values.withUnsafeMutableBufferPointer { v in
      fillNodeValues(v, inputWord: { inputWords[$0] })
    }
    return values
  }

  /// Evaluates every node into `values`, taking input words from `inputWord(inputIndex)`.
  @inlinable
  func fillNodeValues(_ v: UnsafeMutableBufferPointer<UInt64>, inputWord: (Int) -> UInt64) {
    fanin0Raw.withUnsafeBufferPointer { f0 in
      fanin1Raw.withUnsafeBufferPointer { f1 in
        v[0] = 0
        for node in 1..<f0.count {
          let a = f0[node]
          if a == AIG.inputMarker {
            v[node] = inputWord(Int(f1[node]))
          } else {
            let b = f1[node]
            let x = v[Int(a >> 1)] ^ (0 &- UInt64(a & 1))
            let y = v[Int(b >> 1)] ^ (0 &- UInt64(b & 1))
            v[node] = x & y
          }
        }
      }
    }
  }

  /// The word of a literal given the node values.
  @inlinable public static func value(of literal: Literal, in nodeValues: [UInt64]) -> UInt64 {
    nodeValues[literal.node] ^ (0 &- UInt64(literal.raw & 1))
  }

  /// The output words for one word per input.
  public func simulate(inputWords: [UInt64]) -> [UInt64] {
    let values = simulateNodes(inputWords: inputWords)
    return outputs.map { AIG.value(of: $0, in: values) }
  }

  /// Output streams for input streams: `streams[i][w]` is word `w` of input `i`; the result is indexed the same way.
  public func simulate(streams: [[UInt64]]) -> [[UInt64]] {
    precondition(streams.count == inputCount, "expected \(inputCount) input streams, got \(streams.count)")
    let words = streams.first?.count ?? 0
    var result = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: outputCount)
    var values = [UInt64](repeating: 0, count: nodeCount)
    values.withUnsafeMutableBufferPointer { v in
      for w in 0..<words {
        fillNodeValues(v, inputWord: { streams[$0][w] })
        for (o, literal) in outputs.enumerated() {
          result[o][w] = v[literal.node] ^ (0 &- UInt64(literal.raw & 1))
        }
      }
    }
    return result
  }

  /// Evaluates the circuit on integer operands, one list per input port, and returns one list per output port.
  ///
  /// Every input port must have an operand list, all of the same length; values must fit
  /// their ports. Inputs outside any port are held at 0. Results are read as the output
  /// ports' signedness says.
  public func evaluate(_ operands: [String: [Int]]) throws -> [String: [Int]] {
    let (streams, count) = try OperandPacking.pack(operands, ports: inputPorts, inputCount: inputCount)
    return OperandPacking.unpack(simulate(streams: streams), ports: outputPorts, count: count)
  }
}
