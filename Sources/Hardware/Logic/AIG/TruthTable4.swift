/// Truth tables of functions of up to four variables, as 16-bit words.
///
/// Bit `k` is the function's value when variable `i` equals bit `i` of `k`. A function of
/// fewer variables repeats its pattern, so it reads the same with any extra variables.
public enum TruthTable4 {
  /// The truth table of each variable.
  public static let variables: [UInt16] = [0xAAAA, 0xCCCC, 0xF0F0, 0xFF00]

  /// Whether `tt` depends on variable `v`.
  @inlinable public static func dependsOn(_ tt: UInt16, _ v: Int) -> Bool {
    let shift = UInt16(1 << v)
    let mask = variables[v]
    return (tt & mask) >> shift != tt & ~mask
  }

  /// The cofactor with variable `v` set to `value`, still as a table of four variables.
  @inlinable public static func cofactor(_ tt: UInt16, _ v: Int, _ value: Bool) -> UInt16 {
    let shift = UInt16(1 << v)
    let mask = variables[v]
    if value {
      let high = tt & mask
      return high | (high >> shift)
    }
    let low = tt & ~mask
    return low | (low << shift)
  }

  /// Re-expresses `tt`, whose variable `i` is `from[i]`, over the variables `to` (a sorted
  /// superset, each entry naming a leaf): variable `j` of the result is `to[j]`.
  @inlinable public static func expand(_ tt: UInt16, from: UnsafeBufferPointer<Int32>, to: UnsafeBufferPointer<Int32>) -> UInt16 {
    if from.count == to.count { return tt }
    // Move each variable up to its place, highest first, by swapping adjacent variables;
    // the table repeats its pattern over unused variables, so the moves stay exact.
    var result = tt
    var j = to.count - 1
    for i in stride(from: from.count - 1, through: 0, by: -1) {
      while to[j] != from[i] { j -= 1 }
      var v = i
      while v < j {
        result = swapAdjacent(result, v)
        v += 1
      }
      j -= 1
    }
    return result
  }

  /// `tt` with variables `v` and `v + 1` exchanged.
  @inlinable public static func swapAdjacent(_ tt: UInt16, _ v: Int) -> UInt16 {
    switch v {
    case 0: return (tt & 0x9999) | ((tt & 0x2222) << 1) | ((tt & 0x4444) >> 1)
    case 1: return (tt & 0xC3C3) | ((tt & 0x0C0C) << 2) | ((tt & 0x3030) >> 2)
    default: return (tt & 0xF00F) | ((tt & 0x00F0) << 4) | ((tt & 0x0F00) >> 4)
    }
  }

  /// `tt` with variable `v` removed (it must not depend on it); higher variables move down.
  @inlinable public static func removing(_ tt: UInt16, _ v: Int, count: Int) -> UInt16 {
    var result: UInt16 = 0
    for k in 0..<16 {
      // Insert a zero bit at position v of k to read the original table.
      // The top variable of the result reads past the table: wrap, so the result repeats
      // its pattern over that (unused) variable like every table here.
      let low = k & ((1 << v) - 1)
      let high = (k >> v) << (v + 1)
      result |= UInt16((tt >> UInt16((low | high) & 15)) & 1) << UInt16(k)
    }
    return result
  }

  /// The table of `function` applied to variables permuted and complemented: input `i` of
  /// `function` (a table over `arity` inputs) reads variable `pins[i]`, complemented where
  /// bit `pins[i]` of `phases` is set.
  public static func compose(_ function: UInt16, arity: Int, pins: [Int], phases: Int) -> UInt16 {
    var result: UInt16 = 0
    for k in 0..<16 {
      var index = 0
      for i in 0..<arity {
        let bit = ((k >> pins[i]) ^ (phases >> pins[i])) & 1
        index |= bit << i
      }
      result |= UInt16((function >> UInt16(index)) & 1) << UInt16(k)
    }
    return result
  }
}
