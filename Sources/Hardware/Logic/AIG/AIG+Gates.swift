/// Gates built from AND nodes and complemented edges.
extension AIG {
  /// The OR of two literals (one AND node).
  @inlinable public mutating func or(_ a: Literal, _ b: Literal) -> Literal { !and(!a, !b) }

  /// The exclusive OR of two literals (three AND nodes: `!(a & b) & !(!a & !b)`).
  ///
  /// This form keeps `a & b` as a node of its own, so a half or full adder can share it
  /// with its carry.
  @inlinable public mutating func xor(_ a: Literal, _ b: Literal) -> Literal {
    if a.isConstant { return b.complemented(if: a == .true) }
    if b.isConstant { return a.complemented(if: b == .true) }
    if a == b { return .false }
    if a == !b { return .true }
    return and(!and(a, b), !and(!a, !b))
  }

  /// The complement of the exclusive OR.
  @inlinable public mutating func xnor(_ a: Literal, _ b: Literal) -> Literal { !xor(a, b) }

  /// `select ? then : otherwise` (three AND nodes).
  @inlinable public mutating func mux(_ select: Literal, _ then: Literal, _ otherwise: Literal) -> Literal {
    if then == otherwise { return then }
    return or(and(select, then), and(!select, otherwise))
  }

  /// The majority of three literals (four AND nodes).
  @inlinable public mutating func maj(_ a: Literal, _ b: Literal, _ c: Literal) -> Literal {
    or(and(a, b), and(c, or(a, b)))
  }

  /// The sum and carry of two bits (three AND nodes; the carry is the shared `a & b`).
  @inlinable public mutating func halfAdder(_ a: Literal, _ b: Literal) -> (sum: Literal, carry: Literal) {
    (xor(a, b), and(a, b))
  }

  /// The sum and carry of three bits (seven AND nodes, the AIG-optimal full adder).
  @inlinable public mutating func fullAdder(_ a: Literal, _ b: Literal, _ c: Literal) -> (sum: Literal, carry: Literal) {
    let t = xor(a, b)
    return (xor(t, c), or(and(a, b), and(t, c)))
  }

  /// The AND of any number of literals as a balanced tree (true for none).
  public mutating func and(_ literals: [Literal]) -> Literal {
    if literals.isEmpty { return .true }
    var level = literals
    while level.count > 1 {
      var next: [Literal] = []
      next.reserveCapacity((level.count + 1) / 2)
      var i = 0
      while i + 1 < level.count {
        next.append(and(level[i], level[i + 1]))
        i += 2
      }
      if i < level.count { next.append(level[i]) }
      level = next
    }
    return level[0]
  }

  /// The OR of any number of literals as a balanced tree (false for none).
  public mutating func or(_ literals: [Literal]) -> Literal { !and(literals.map { !$0 }) }
}
