import Foundation

/// The seeded generator behind every random choice of data loading: SplitMix64.
///
/// Written out here, with its own bounded integers, shuffles and Gaussians, rather than the
/// standard library's `shuffle(using:)` or `random(in:using:)`, whose algorithms may change
/// between Swift releases: a seed must give the same subset on every toolchain.
struct DataRandom: RandomNumberGenerator {
  private var state: UInt64

  /// A generator for `seed`; `stream` separates independent uses of the same seed (train, test, ...).
  init(seed: UInt64, stream: UInt64 = 0) {
    state = seed &+ stream &* 0xD1B5_4A32_D192_ED03
    _ = next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    let limit = UInt64(bound)
    var product = next().multipliedFullWidth(by: limit)
    if product.low < limit {
      let threshold = (0 &- limit) % limit
      while product.low < threshold { product = next().multipliedFullWidth(by: limit) }
    }
    return Int(product.high)
  }

  /// A uniform Float in [0, 1).
  mutating func unit() -> Float {
    Float(next() >> 40) * (1 / Float(1 << 24))
  }

  /// A standard normal sample (Box-Muller; one of the pair is dropped to keep the state simple).
  mutating func gaussian() -> Float {
    let u1 = Double((next() >> 11) + 1) * (1 / Double(UInt64(1) << 53))  // in (0, 1]: log stays finite
    let u2 = Double(next() >> 11) * (1 / Double(UInt64(1) << 53))
    return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
  }

  /// Shuffles `values` in place (Fisher-Yates).
  mutating func shuffle<T>(_ values: inout [T]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(i, below(i + 1))
    }
  }
}
