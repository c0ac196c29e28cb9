/// How the partial products of a multiplier are summed.
public enum MultiplierArchitecture: String, Sendable, CaseIterable {
  /// Rows added one after the other by carry-save rows (the classic array multiplier).
  case array
  /// Wallace tree: every stage compresses all columns greedily with full and half adders.
  case wallace
  /// Dadda tree: every stage compresses columns just enough to reach Dadda's height sequence.
  case dadda
}

/// A weighted bit of a sum: the literal counts `2^column`.
public struct WeightedBit: Hashable, Sendable {
  /// The bit's weight as a power of two.
  public var column: Int
  /// The bit.
  public var literal: Literal

  /// Creates a bit of weight `2^column`.
  public init(column: Int, literal: Literal) {
    self.column = column
    self.literal = literal
  }
}

/// Column compression (Wallace and Dadda trees) and the carry-save array.
extension AIG {
  /// Reduces rows of weighted bits until each column holds at most two bits, with full
  /// adders (3:2) and half adders (2:2), following `architecture`'s schedule.
  ///
  /// The array architecture adds the rows one after the other, in the order given; the
  /// trees look only at the column contents. The result lists each column's bits.
  public mutating func reduce(rows: [[WeightedBit]], architecture: MultiplierArchitecture) -> [[Literal]] {
    let width = (rows.joined().map(\.column).max() ?? -1) + 1
    switch architecture {
    case .array:
      return reduceByRows(rows, width: width)
    case .wallace, .dadda:
      var columns = [[Literal]](repeating: [], count: width)
      for row in rows { for bit in row { columns[bit.column].append(bit.literal) } }
      return architecture == .wallace ? reduceWallace(columns) : reduceDadda(columns)
    }
  }

  /// The array multiplier's carry-save chain: each row is added to the running sum and
  /// carry vectors with one full adder per column (a half adder where only two bits meet).
  mutating func reduceByRows(_ rows: [[WeightedBit]], width: Int) -> [[Literal]] {
    let size = width + rows.count + 1
    var sum = [Literal?](repeating: nil, count: size)
    var carry = [Literal?](repeating: nil, count: size)
    for row in rows {
      var incoming = [Literal?](repeating: nil, count: size)
      for bit in row {
        precondition(incoming[bit.column] == nil, "two bits of one row in column \(bit.column)")
        incoming[bit.column] = bit.literal
      }
      var nextCarry = [Literal?](repeating: nil, count: size)
      for k in 0..<size {
        let bits = [sum[k], carry[k], incoming[k]].compactMap { $0 }
        switch bits.count {
        case 3:
          let (s, c) = fullAdder(bits[0], bits[1], bits[2])
          sum[k] = s
          nextCarry[k + 1] = c
        case 2:
          let (s, c) = halfAdder(bits[0], bits[1])
          sum[k] = s
          nextCarry[k + 1] = c
        case 1:
          sum[k] = bits[0]
        default:
          sum[k] = nil
        }
      }
      carry = nextCarry
    }
    var result = [[Literal]](repeating: [], count: size)
    for k in 0..<size {
      if let s = sum[k] { result[k].append(s) }
      if let c = carry[k] { result[k].append(c) }
    }
    while result.last?.isEmpty == true { result.removeLast() }
    return result
  }

  /// Wallace's schedule: each stage turns every group of three bits of a column into a
  /// full adder and a remaining pair into a half adder, until no column exceeds two bits.
  mutating func reduceWallace(_ columns: [[Literal]]) -> [[Literal]] {
    var current = columns
    while (current.map(\.count).max() ?? 0) > 2 {
      var next = [[Literal]](repeating: [], count: current.count + 1)
      for k in 0..<current.count {
        let bits = current[k]
        var i = 0
        while i + 2 < bits.count {
          let (s, c) = fullAdder(bits[i], bits[i + 1], bits[i + 2])
          next[k].append(s)
          next[k + 1].append(c)
          i += 3
        }
        if bits.count - i == 2 && bits.count > 2 {
          let (s, c) = halfAdder(bits[i], bits[i + 1])
          next[k].append(s)
          next[k + 1].append(c)
        } else {
          next[k].append(contentsOf: bits[i...])
        }
      }
      while next.last?.isEmpty == true { next.removeLast() }
      current = next
    }
    return current
  }

  /// Dadda's schedule: stage targets 2, 3, 4, 6, 9, 13, ...; each stage uses the fewest
  /// full and half adders that bring every column (with incoming carries) down to the target.
  mutating func reduceDadda(_ columns: [[Literal]]) -> [[Literal]] {
    var current = columns
    let maxHeight = current.map(\.count).max() ?? 0
    var targets = [2]
    while let last = targets.last, last < maxHeight { targets.append(last * 3 / 2) }
    for target in targets.reversed() where target < (current.map(\.count).max() ?? 0) {
      var next = [[Literal]](repeating: [], count: current.count + 1)
      for k in 0..<current.count {
        var bits = current[k]
        // Carries already placed into column k by column k - 1 count towards its height.
        while bits.count + next[k].count > target {
          let excess = bits.count + next[k].count - target
          if excess >= 2 && bits.count >= 3 {
            let (s, c) = fullAdder(bits[0], bits[1], bits[2])
            bits.removeFirst(3)
            next[k].append(s)
            next[k + 1].append(c)
          } else if bits.count >= 2 {
            let (s, c) = halfAdder(bits[0], bits[1])
            bits.removeFirst(2)
            next[k].append(s)
            next[k + 1].append(c)
          } else {
            break
          }
        }
        next[k].append(contentsOf: bits)
      }
      while next.last?.isEmpty == true { next.removeLast() }
      current = next
    }
    return current
  }
}
