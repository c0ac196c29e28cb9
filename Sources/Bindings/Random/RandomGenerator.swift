import Foundation
import Kernel

/// xoshiro256** seeded through SplitMix64: fast, and the same numbers for the same seed
/// on every platform and toolchain (the standard library's generator promises neither).
public struct RandomGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) {
    var state = seed
    func splitMix() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform in [0, 1), 53 random bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Standard normal (Box-Muller, one value per pair of uniforms, so each draw uses the same amount of the stream).
  public mutating func normal() -> Double {
    let u1 = 1 - uniform()
    let u2 = uniform()
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
  }

  /// Uniform integer in `0..<bound` without modulo bias.
  public mutating func below(_ bound: UInt64) -> UInt64 {
    precondition(bound > 0, "bound must be positive")
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let x = next()
      if x < limit { return x % bound }
    }
  }

  /// The list shuffled by Fisher-Yates.
  public mutating func shuffle<T>(_ items: [T]) -> [T] {
    var items = items
    if items.count < 2 { return items }
    for i in stride(from: items.count - 1, to: 0, by: -1) {
      let j = Int(below(UInt64(i + 1)))
      items.swapAt(i, j)
    }
    return items
  }
}
