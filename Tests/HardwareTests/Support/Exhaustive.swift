import Hardware
import Tensor

/// Every combination of the values of the given input ports, as operand lists.
func exhaustiveOperands(_ ports: [Port]) -> [String: [Int]] {
  var result: [String: [Int]] = [:]
  var total = 1
  for port in ports { total *= port.maximum - port.minimum + 1 }
  for port in ports { result[port.name] = [] }
  for index in 0..<total {
    var rest = index
    for port in ports {
      let span = port.maximum - port.minimum + 1
      result[port.name]!.append(port.minimum + rest % span)
      rest /= span
    }
  }
  return result
}

/// Wraps `value` into a `bits`-bit two's-complement number.
func wrapSigned(_ value: Int, bits: Int) -> Int {
  let modulus = 1 << bits
  let r = ((value % modulus) + modulus) % modulus
  return r >= modulus / 2 ? r - modulus : r
}

/// Deterministic pseudo-random integers for the tests: the engine's SplitMix64 stream.
typealias TestRandom = SplitMix64

extension SplitMix64 {
  /// A whole number in `range` (modulo the 64-bit draw).
  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  mutating func ints(_ count: Int, in range: ClosedRange<Int>) -> [Int] { (0..<count).map { _ in int(in: range) } }
}
