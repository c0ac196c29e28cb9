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
    var position = (0, 0, 0, 0)
    withUnsafeMutableBytes(of: &position) { raw in
      let p = raw.bindMemory(to: Int.self)
      var j = 0
      for i in 0..<from.count {
        while to[j] != from[i] { j += 1 }
        p[i] = j
      }
    }
    var result: UInt16 = 0
    for k in 0..<16 {
      var index = 0
      if from.count > 0 { index |= (k >> position.0) & 1 }
      if from.count > 1 { index |= ((k >> position.1) & 1) << 1 }
      if from.count > 2 { index |= ((k >> position.2) & 1) << 2 }
      if from.count > 3 { index |= ((k >> position.3) & 1) << 3 }
      result |= UInt16((tt >> UInt16(index)) & 1) << UInt16(k)
    }
    return result
  }

  /// `tt` with variable `v` removed (it must not depend on it); higher variables move down.
  @inlinable public static func removing(_ tt: UInt16, _ v: Int, count: Int) -> UInt16 {
    var result: UInt16 = 0
    for k in 0..<16 {
      // Insert a zero bit at position v of k to read the original table.
      let low = k & ((1 << v) - 1)
      let high = (k >> v) << (v + 1)
      result |= UInt16((tt >> UInt16(low | high)) & 1) << UInt16(k)
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
