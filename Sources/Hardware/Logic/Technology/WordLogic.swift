/// Evaluation of truth tables on 64 patterns at once (one bit per lane of a word).
public enum WordLogic {
  /// A function of two variables, given by the low four bits of `t`, on words `a` and `b`.
  @inlinable @inline(__always)
  public static func evaluate2(_ t: UInt16, _ a: UInt64, _ b: UInt64) -> UInt64 {
    switch t & 0xF {
    case 0: return 0
    case 1: return ~(a | b)
    case 2: return a & ~b
    case 3: return ~b
    case 4: return ~a & b
    case 5: return ~a
    case 6: return a ^ b
    case 7: return ~(a & b)
    case 8: return a & b
    case 9: return ~(a ^ b)
    case 10: return a
    case 11: return a | ~b
    case 12: return b
    case 13: return ~a | b
    case 14: return a | b
    default: return ~0
    }
  }

  /// A function of up to four variables (a 16-bit truth table: bit `k` is the value when
  /// variable `i` is bit `i` of `k`) on words `a`, `b`, `c`, `d`, by Shannon expansion on
  /// `d` and `c`; variables the table does not depend on cost nothing.
  @inlinable @inline(__always)
  public static func evaluate(_ t: UInt16, _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 {
    let low = t & 0xFF, high = t >> 8
    if low == high { return evaluate3(low, a, b, c) }
    let x = evaluate3(low, a, b, c), y = evaluate3(high, a, b, c)
    return (x & ~d) | (y & d)
  }

  /// A function of three variables, given by the low eight bits of `t`.
  @inlinable @inline(__always)
  public static func evaluate3(_ t: UInt16, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
    let low = t & 0xF, high = (t >> 4) & 0xF
    if low == high { return evaluate2(low, a, b) }
    let x = evaluate2(low, a, b), y = evaluate2(high, a, b)
    return (x & ~c) | (y & c)
  }
}
