/// Multipliers on words (LSB first) built into a graph.
extension AIG {
  /// The partial-product rows of `a * b` (one row per bit of `b`), with the Baugh-Wooley
  /// constant row first when an operand is signed.
  ///
  /// Signed operands use the Baugh-Wooley form: the partial products that pair one sign bit
  /// with a non-sign bit are complemented, and a constant corrects the sum. An unsigned
  /// operand meeting a signed one is widened by a zero bit so both are signed. The rows
  /// cover the full `a.count + b.count`-bit product.
  public mutating func partialProducts(_ a: [Literal], signed signedA: Bool, _ b: [Literal], signed signedB: Bool)
    -> [[WeightedBit]]
  {
    let width = a.count + b.count
    guard signedA || signedB else {
      return b.enumerated().map { i, bi in a.enumerated().map { j, aj in WeightedBit(column: i + j, literal: and(aj, bi)) } }
    }
    let x = signedA ? a : a + [.false]
    let y = signedB ? b : b + [.false]
    let n = x.count, m = y.count
    var rows: [[WeightedBit]] = []
    // Constant of the Baugh-Wooley identity: -2^(n+m-2) + 2^(n-1) for the complemented
    // sign column when m > 1, and the same with n and m swapped; taken modulo 2^width.
    var constant = 0
    if m > 1 { constant += -(1 << (n + m - 2)) + (1 << (n - 1)) }
    if n > 1 { constant += -(1 << (n + m - 2)) + (1 << (m - 1)) }
    let modulus = 1 << width
    constant = ((constant % modulus) + modulus) % modulus
    let constantRow = (0..<width).filter { (constant >> $0) & 1 == 1 }.map { WeightedBit(column: $0, literal: .true) }
    if !constantRow.isEmpty { rows.append(constantRow) }
    for i in 0..<m {
      var row: [WeightedBit] = []
      for j in 0..<n where i + j < width {
        let product = and(x[j], y[i])
        let complemented = (i == m - 1) != (j == n - 1)
        row.append(WeightedBit(column: i + j, literal: product.complemented(if: complemented)))
      }
      rows.append(row)
    }
    return rows
  }

  /// The full product `a * b` (`a.count + b.count` bits), summed as `architecture` says and
  /// merged by a ripple-carry adder.
  public mutating func multiply(
    _ a: [Literal], signed signedA: Bool, _ b: [Literal], signed signedB: Bool,
    architecture: MultiplierArchitecture = .array
  ) -> [Literal] {
    let width = a.count + b.count
    let rows = partialProducts(a, signed: signedA, b, signed: signedB)
    let columns = reduce(rows: rows, architecture: architecture)
    return mergeColumns(Array(columns.prefix(width)), width: width)
  }
}
