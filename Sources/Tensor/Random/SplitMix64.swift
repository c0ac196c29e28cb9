/// SplitMix64 (G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): one 64-bit word of state, one multiply-xorshift chain per draw.
///
/// ``SeededGenerator`` expands its seed with it. Hardware models draw their operand streams and
/// simulation patterns from it directly: those streams are defined by it, so a seed gives the
/// same circuit figures on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The state: the seed, advanced by a fixed odd constant per draw.
  public var state: UInt64

  /// A generator whose stream is fixed by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  @inlinable public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
