/// Packs integer operands into bit-parallel input streams and reads integer results back.
enum OperandPacking {
  /// Input streams (`streams[input][word]`, 64 operands per word) for one operand list per
  /// input port; inputs outside every port stay 0. Returns the streams and the operand count.
  static func pack(_ operands: [String: [Int]], ports: [Port], inputCount: Int) throws -> ([[UInt64]], Int) {
    for name in operands.keys where !ports.contains(where: { $0.name == name }) {
      throw LogicError(.unknownPort, "no input port '\(name)'; the ports are \(ports.map(\.name))")
    }
    var count: Int?
    for port in ports {
      guard let values = operands[port.name] else {
        throw LogicError(.operandMismatch, "no operands for input port '\(port.name)'")
      }
      if let c = count, c != values.count {
        throw LogicError(.operandMismatch, "input port '\(port.name)' has \(values.count) operands, others \(c)")
      }
      count = values.count
      if let bad = values.first(where: { $0 < port.minimum || $0 > port.maximum }) {
        throw LogicError(.valueOutOfRange, "\(bad) does not fit input port '\(port.name)' (\(port.minimum)...\(port.maximum))")
      }
    }
    let n = count ?? 0
    let words = (n + 63) / 64
    var streams = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: inputCount)
    for port in ports {
      guard let values = operands[port.name] else { continue }
      values.withUnsafeBufferPointer { v in
        for (bit, input) in port.bits.enumerated() {
          streams[input].withUnsafeMutableBufferPointer { s in
            for k in 0..<n where (v[k] >> bit) & 1 == 1 { s[k >> 6] |= 1 << UInt64(k & 63) }
          }
        }
      }
    }
    return (streams, n)
  }

  /// One integer list per output port from output streams (`streams[output][word]`).
  static func unpack(_ streams: [[UInt64]], ports: [Port], count n: Int) -> [String: [Int]] {
    var result: [String: [Int]] = [:]
    for port in ports {
      var raw = [UInt64](repeating: 0, count: n)
      raw.withUnsafeMutableBufferPointer { r in
        for (bit, output) in port.bits.enumerated() {
          streams[output].withUnsafeBufferPointer { s in
            for w in 0..<s.count {
              var word = s[w]
              while word != 0 {
                let k = w * 64 + word.trailingZeroBitCount
                if k < n { r[k] |= 1 << UInt64(bit) }
                word &= word - 1
              }
            }
          }
        }
      }
      result[port.name] = raw.map { port.value(fromBits: $0) }
    }
    return result
  }
}
