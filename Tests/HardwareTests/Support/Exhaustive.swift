import Hardware

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

/// Deterministic pseudo-random integers in a closed range.
struct TestRandom: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  mutating func ints(_ count: Int, in range: ClosedRange<Int>) -> [Int] { (0..<count).map { _ in int(in: range) } }
}
