/// Adders on words (LSB first) built into a graph.
extension AIG {
  /// The ripple-carry sum of two words of equal width: `width` sum bits and the carry out.
  public mutating func rippleCarryAdd(_ a: [Literal], _ b: [Literal], carryIn: Literal = .false)
    -> (sum: [Literal], carry: Literal)
  {
    precondition(a.count == b.count, "adding words of widths \(a.count) and \(b.count)")
    var carry = carryIn
    var sum: [Literal] = []
    sum.reserveCapacity(a.count)
    for i in 0..<a.count {
      let (s, c) = fullAdder(a[i], b[i], carry)
      sum.append(s)
      carry = c
    }
    return (sum, carry)
  }

  /// `a + b` modulo `2^width`, both words extended to `width` first as `signed` says.
  public mutating func add(_ a: [Literal], _ b: [Literal], width: Int, signed: Bool) -> [Literal] {
    rippleCarryAdd(AIG.extend(a, to: width, signed: signed), AIG.extend(b, to: width, signed: signed)).sum
  }

  /// One carry-save (3:2) step over three words of equal width: a sum word and a carry word of weight 2.
  ///
  /// The carry word is returned already shifted: it has `width + 1` bits, bit 0 false.
  public mutating func carrySaveAdd(_ a: [Literal], _ b: [Literal], _ c: [Literal]) -> (sum: [Literal], carry: [Literal]) {
    precondition(a.count == b.count && b.count == c.count, "carry-save add of words of different widths")
    var sum: [Literal] = []
    var carry: [Literal] = [.false]
    for i in 0..<a.count {
      let (s, co) = fullAdder(a[i], b[i], c[i])
      sum.append(s)
      carry.append(co)
    }
    return (sum, carry)
  }

  /// Adds the bits of each column (column `k` has weight `2^k`) with a ripple-carry adder,
  /// after the columns hold at most two bits; the result has `width` bits (modulo `2^width`).
  public mutating func mergeColumns(_ columns: [[Literal]], width: Int) -> [Literal] {
    var carry: Literal = .false
    var result: [Literal] = []
    for k in 0..<width {
      let bits = k < columns.count ? columns[k] : []
      precondition(bits.count <= 2, "column \(k) holds \(bits.count) bits; reduce it first")
      let a = bits.count > 0 ? bits[0] : .false
      let b = bits.count > 1 ? bits[1] : .false
      let (s, c) = fullAdder(a, b, carry)
      result.append(s)
      carry = c
    }
    return result
  }
}
