/// Constant multipliers built directly from the weight's canonical signed digits.
extension Generators {
  /// The non-adjacent form of `value`: its nonzero signed binary digits as (position,
  /// negative) pairs, fewest possible (G. W. Reitwiesner, "Binary arithmetic", 1960).
  public static func signedDigits(_ value: Int) -> [(shift: Int, negative: Bool)] {
    var digits: [(shift: Int, negative: Bool)] = []
    var rest = value
    var position = 0
    while rest != 0 {
      if rest & 1 == 1 {
        // 1 when the next bit is 0, -1 when it is 1 (so that the next digit is 0).
        let digit = 2 - (rest & 3)
        digits.append((position, digit < 0))
        rest -= digit
      }
      rest >>= 1
      position += 1
    }
    return digits
  }

  /// `x * weight` as shifted copies of `x` added and subtracted with ripple-carry adders, one
  /// per nonzero signed digit of the weight after the first, simplified: the constant
  /// multiplier a designer writes by hand. Ports `x` (signed if `activationSigned`) and `p`
  /// (signed, `activationBits + weightBits` wide, as the generic multiplier's).
  public static func shiftAddMultiplier(
    weight: Int, activationBits: Int = 8, weightBits: Int = 8, activationSigned: Bool = true
  ) throws -> AIG {
    try check(activationBits, "activation width")
    try check(weightBits, "weight width")
    var g = AIG()
    let x = g.addInputPort("x", width: activationBits, signed: activationSigned)
    let width = activationBits + weightBits
    let wide = AIG.extend(x, to: width, signed: activationSigned)
    func shifted(_ s: Int) -> [Literal] {
      Array(repeating: Literal.false, count: min(s, width)) + wide.prefix(max(0, width - s))
    }
    // Additions first, so that only a weight with no positive digit negates its first term.
    let digits = signedDigits(weight).sorted { !$0.negative && $1.negative }
    var sum: [Literal]?
    for digit in digits {
      let term = shifted(digit.shift)
      let base = sum ?? Array(repeating: Literal.false, count: width)
      if digit.negative {
        sum = g.rippleCarryAdd(base, term.map { !$0 }, carryIn: .true).sum
      } else if sum == nil {
        sum = term
      } else {
        sum = g.rippleCarryAdd(base, term).sum
      }
    }
    g.addOutputPort("p", sum ?? Array(repeating: Literal.false, count: width), signed: true)
    return g.compacted().simplified()
  }
}
