/// A deterministic pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Every random choice in the engine (initialisation, shuffling, dropout,
/// augmentation) draws from one of these, so the same seed gives the same
/// numbers on every run and platform. The algorithms are the reference ones of
/// Blackman and Vigna (https://prng.di.unimi.it): SplitMix64 expands the 64-bit
/// seed into the 256-bit state, xoshiro256** produces the stream.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)
  /// The second normal deviate of the last Box-Muller pair, if not yet used.
  private var spareNormal: Double?

  /// Creates a generator whose stream is fixed by `seed`.
  public init(seed: UInt64) {
    var expand = SplitMix64(seed: seed)
    state = (expand.next(), expand.next(), expand.next(), expand.next())
  }

  /// Creates a generator for a sub-stream: the same `seed` and `stream` give the same numbers.
  ///
  /// Used to give each layer, epoch or batch its own independent stream.
  public init(seed: UInt64, stream: UInt64) {
    self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03) &+ stream)
  }

  /// The whole state (four words and the spare normal deviate), to save a generator and
  /// continue its stream later (the cell cache).
  public var savedState: (words: [UInt64], spareNormal: Double?) {
    ([state.0, state.1, state.2, state.3], spareNormal)
  }

  /// A generator continuing a stream saved with ``savedState``; `nil` unless `words` has four words.
  public init?(savedWords words: [UInt64], spareNormal: Double?) {
    guard words.count == 4 else { return nil }
    state = (words[0], words[1], words[2], words[3])
    self.spareNormal = spareNormal
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotate(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotate(state.3, 45)
    return result
  }

  @inline(__always)
  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform Float in [0, 1), from the top 24 bits.
  public mutating func nextUniform() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// A uniform Double in [0, 1), from the top 53 bits.
  public mutating func nextUniformDouble() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal deviate (Box-Muller in double precision, both values of each pair used).
  public mutating func nextNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    let u1 = 1 - nextUniformDouble()
    let u2 = nextUniformDouble()
    let radius = (-2 * _log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareNormal = radius * _sin(angle)
    return radius * _cos(angle)
  }

  /// A uniform integer in `0..<upperBound` without modulo bias (Lemire's multiply-shift with
  /// rejection), written out so a seed gives the same draws whatever the standard library does.
  public mutating func nextInt(below upperBound: Int) -> Int {
    precondition(upperBound > 0, "empty range")
    let bound = UInt64(upperBound)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return Int(product.high)
  }

  /// Shuffles `values` in place (Fisher-Yates).
  public mutating func shuffle<T>(_ values: inout [T]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(i, nextInt(below: i + 1))
    }
  }

  /// The indices `0..<count` in a random order (Fisher-Yates).
  public mutating func permutation(_ count: Int) -> [Int] {
    var indices = Array(0..<count)
    shuffle(&indices)
    return indices
  }
}
