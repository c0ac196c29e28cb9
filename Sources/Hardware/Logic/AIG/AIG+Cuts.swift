/// A set of at most four leaves that separates a node from the inputs, with the node's
/// function over those leaves.
public struct Cut: Hashable, Sendable {
  /// The leaves' node indices, ascending; unused slots are -1.
  public var leaves: (Int32, Int32, Int32, Int32)
  /// How many leaves there are.
  public var count: Int
  /// The node's function over the leaves (leaf `i` is variable `i`).
  public var truthTable: UInt16
  /// One bit per leaf (`1 << (leaf % 64)`), to rule out subsets quickly.
  var signature: UInt64

  /// The trivial cut of a node: the node itself.
  public init(node: Int) {
    leaves = (Int32(node), -1, -1, -1)
    count = 1
    truthTable = TruthTable4.variables[0]
    signature = 1 << UInt64(node & 63)
  }

  /// A cut over given sorted leaves.
  public init(leaves list: [Int], truthTable: UInt16) {
    precondition(list.count <= 4, "cuts have at most four leaves")
    var l: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    withUnsafeMutableBytes(of: &l) { raw in
      let p = raw.bindMemory(to: Int32.self)
      for (i, v) in list.enumerated() { p[i] = Int32(v) }
    }
    leaves = l
    count = list.count
    self.truthTable = truthTable
    signature = list.reduce(0) { $0 | 1 << UInt64($1 & 63) }
  }

  /// Leaf `i`.
  @inlinable public func leaf(_ i: Int) -> Int {
    switch i {
    case 0: Int(leaves.0)
    case 1: Int(leaves.1)
    case 2: Int(leaves.2)
    default: Int(leaves.3)
    }
  }

  /// Whether `node` is one of the leaves.
  @inlinable public func contains(_ node: Int) -> Bool {
    let n = Int32(truncatingIfNeeded: node)
    return leaves.0 == n || leaves.1 == n || leaves.2 == n || leaves.3 == n
  }

  /// The leaves as an array.
  public var leafList: [Int] { (0..<count).map { leaf($0) } }

  /// Whether every leaf of `self` is a leaf of `other`.
  func isSubset(of other: Cut) -> Bool {
    guard count <= other.count, signature & ~other.signature == 0 else { return false }
    var j = 0
    for i in 0..<count {
      let l = leaf(i)
      while j < other.count && other.leaf(j) < l { j += 1 }
      if j == other.count || other.leaf(j) != l { return false }
    }
    return true
  }

  /// Cuts are equal when their leaves and truth tables are.
  public static func == (a: Cut, b: Cut) -> Bool {
    a.count == b.count && a.truthTable == b.truthTable && a.leaves.0 == b.leaves.0 && a.leaves.1 == b.leaves.1
      && a.leaves.2 == b.leaves.2 && a.leaves.3 == b.leaves.3
  }

  /// Hashes the leaves and the truth table.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    hasher.combine(truthTable)
    hasher.combine(leaves.0)
    hasher.combine(leaves.1)
    hasher.combine(leaves.2)
    hasher.combine(leaves.3)
  }
}

extension AIG {
  /// Enumerates up to `limit` cuts of at most `size` leaves for every node, each with the
  /// node's truth table; the trivial cut comes last. Leaves that a cut's function does not
  /// depend on are dropped, so a redundant node shows a smaller cut.
  public func enumerateCuts(size: Int, limit: Int) -> [[Cut]] {
    precondition(size >= 1 && size <= 4, "cut size must be 1...4")
    var cuts = [[Cut]](repeating: [], count: nodeCount)
    for node in 1..<nodeCount {
      if !isAnd(node) {
        cuts[node] = [Cut(node: node)]
        continue
      }
      let a = fanin0(node), b = fanin1(node)
      var set: [Cut] = []
      set.reserveCapacity(limit + 1)
      let cutsA = cuts[a.node], cutsB = cuts[b.node]
      for ca in cutsA {
        for cb in cutsB {
          guard var merged = AIG.mergeCuts(ca, cb, size: size) else { continue }
          var ta = AIG.expand(ca, to: merged)
          var tb = AIG.expand(cb, to: merged)
          if a.isComplemented { ta = ~ta }
          if b.isComplemented { tb = ~tb }
          merged.truthTable = ta & tb
          merged = AIG.minimized(merged)
          AIG.insert(merged, into: &set, limit: limit)
        }
      }
      set.append(Cut(node: node))
      cuts[node] = set
    }
    return cuts
  }

  /// The union of two cuts' leaves, or nil if it exceeds `size`.
  static func mergeCuts(_ a: Cut, _ b: Cut, size: Int) -> Cut? {
    // Distinct signature bits are distinct leaves: too many means too large a union.
    if (a.signature | b.signature).nonzeroBitCount > size { return nil }
    var result = Cut(node: 0)
    var count = 0
    var overflow = false
    withUnsafeMutableBytes(of: &result.leaves) { raw in
      let out = raw.bindMemory(to: Int32.self)
      var i = 0, j = 0
      while i < a.count || j < b.count {
        let x = i < a.count ? a.leaf(i) : Int.max
        let y = j < b.count ? b.leaf(j) : Int.max
        let v: Int
        if x == y {
          v = x; i += 1; j += 1
        } else if x < y {
          v = x; i += 1
        } else {
          v = y; j += 1
        }
        if count == size {
          overflow = true
          return
        }
        out[count] = Int32(v)
        count += 1
      }
      for k in count..<4 { out[k] = -1 }
    }
    if overflow { return nil }
    result.count = count
    result.truthTable = 0
    result.signature = a.signature | b.signature
    return result
  }

  /// The truth table of `cut` re-expressed over the leaves of `superset`.
  static func expand(_ cut: Cut, to superset: Cut) -> UInt16 {
    var from = cut.leaves, to = superset.leaves
    return withUnsafeBytes(of: &from) { f in
      withUnsafeBytes(of: &to) { t in
        TruthTable4.expand(
          cut.truthTable, from: UnsafeBufferPointer(rebasing: f.bindMemory(to: Int32.self)[0..<cut.count]),
          to: UnsafeBufferPointer(rebasing: t.bindMemory(to: Int32.self)[0..<superset.count]))
      }
    }
  }

  /// The cut without the leaves its function ignores.
  static func minimized(_ cut: Cut) -> Cut {
    var needed = true
    for v in 0..<cut.count where !TruthTable4.dependsOn(cut.truthTable, v) { needed = false }
    if needed { return cut }
    var result = cut
    var v = 0
    while v < result.count {
      if TruthTable4.dependsOn(result.truthTable, v) {
        v += 1
        continue
      }
      var list = result.leafList
      list.remove(at: v)
      result = Cut(leaves: list, truthTable: TruthTable4.removing(result.truthTable, v, count: result.count))
    }
    return result
  }

  /// Adds a cut to a set unless a subset cut is there; drops the set's supersets of it; keeps
  /// the `limit` smallest.
  static func insert(_ cut: Cut, into set: inout [Cut], limit: Int) {
    for existing in set where existing.isSubset(of: cut) { return }
    set.removeAll { cut.isSubset(of: $0) }
    if set.count < limit {
      set.append(cut)
    } else if let worst = set.indices.max(by: { set[$0].count < set[$1].count }), set[worst].count > cut.count {
      set[worst] = cut
    }
  }
}
