import Tensor

/// Functional reduction ("sweeping"): nodes that compute the same function, or its
/// complement, or a constant, are merged into one.
///
/// Candidates come from simulation signatures. With at most
/// `exhaustiveInputLimit` primary inputs the signatures are complete truth tables, so
/// equal signatures are equal functions. Otherwise random signatures propose the
/// candidates and each merge is proved by exhaustive simulation over the union of the two
/// nodes' structural supports, when that union is small enough; unproved candidates stay
/// apart. This plays the part of ABC's `fraig` without a SAT solver.
extension AIG {
  /// The most inputs for which the whole circuit, or one merge candidate, is simulated exhaustively.
  public static let exhaustiveInputLimit = 16

  /// A copy in which functionally equivalent nodes (up to complement) and constant nodes are merged.
  public func swept(seed: UInt64 = 0x5EED) -> AIG {
    let exhaustive = inputCount <= AIG.exhaustiveInputLimit
    let words = exhaustive ? max(1, (1 << inputCount) / 64) : 16
    let signatures = exhaustive
      ? simulateAllNodes(patterns: AIG.exhaustivePatterns(inputs: inputCount))
      : simulateAllNodes(patterns: AIG.randomPatterns(inputs: inputCount, words: words, seed: seed))
    let supports = exhaustive ? [] : structuralSupports(limit: AIG.exhaustiveInputLimit)

    // Class key: the signature normalised so that pattern 0 evaluates to false.
    var classes: [[UInt64]: [Int]] = [:]
    var representative = [Literal?](repeating: nil, count: nodeCount)
    let zero = [UInt64](repeating: 0, count: words)
    classes[zero] = [0]
    for node in 1..<nodeCount {
      let start = node * words
      let slice = signatures[start..<start + words]
      let flip = slice.first! & 1 == 1
      let key = flip ? slice.map { ~$0 } : Array(slice)
      if let members = classes[key] {
        var merged = false
        if isAnd(node) {
          for other in members {
            let phase = flip != (signatures[other * words] & 1 == 1)
            if exhaustive || provesEqual(node, other, complemented: phase, supports: supports) {
              representative[node] = Literal(node: other, complemented: phase)
              merged = true
              break
            }
          }
        }
        if !merged { classes[key]!.append(node) }
      } else {
        classes[key] = [node]
      }
    }
    return rebuilt(merging: representative)
  }

  /// Rebuilds the graph, replacing each node that has a representative (an earlier node,
  /// possibly complemented) by that representative, then drops dangling logic.
  func rebuilt(merging representative: [Literal?]) -> AIG {
    var result = AIG()
    result.reserveCapacity(andCount)
    var map = [Literal](repeating: .false, count: nodeCount)
    for (input, literal) in zip(inputNodes, result.copyInterface(of: self)) { map[input] = literal }
    for node in 1..<nodeCount where isAnd(node) {
      if let r = representative[node] {
        map[node] = map[r.node].complemented(if: r.isComplemented)
      } else {
        let a = fanin0(node), b = fanin1(node)
        map[node] = result.and(map[a.node].complemented(if: a.isComplemented), map[b.node].complemented(if: b.isComplemented))
      }
    }
    result.setOutputs(
      outputs.map { map[$0.node].complemented(if: $0.isComplemented) }, names: outputNames, ports: outputPorts)
    return result.compacted()
  }

  /// Every node's value words, node-major (`result[node * words + w]`), for input patterns
  /// given input-major (`patterns[input][w]`).
  public func simulateAllNodes(patterns: [[UInt64]]) -> [UInt64] {
    let words = patterns.first?.count ?? 1
    var values = [UInt64](repeating: 0, count: nodeCount * words)
    values.withUnsafeMutableBufferPointer { v in
      for node in 1..<nodeCount {
        let base = node * words
        if isInput(node) {
          let pattern = patterns[inputIndex(ofNode: node)]
          for w in 0..<words { v[base + w] = pattern[w] }
        } else {
          let a = fanin0Raw[node], b = fanin1Raw[node]
          let ma = 0 &- UInt64(a & 1), mb = 0 &- UInt64(b & 1)
          let ba = Int(a >> 1) * words, bb = Int(b >> 1) * words
          for w in 0..<words { v[base + w] = (v[ba + w] ^ ma) & (v[bb + w] ^ mb) }
        }
      }
    }
    return values
  }

  /// Patterns enumerating every input combination: pattern `k` sets input `i` to bit `i` of `k`.
  ///
  /// Fewer than six inputs still fill one word (the patterns repeat).
  public static func exhaustivePatterns(inputs: Int) -> [[UInt64]] {
    let words = max(1, (1 << inputs) / 64)
    let lowMasks: [UInt64] = [
      0xAAAA_AAAA_AAAA_AAAA, 0xCCCC_CCCC_CCCC_CCCC, 0xF0F0_F0F0_F0F0_F0F0,
      0xFF00_FF00_FF00_FF00, 0xFFFF_0000_FFFF_0000, 0xFFFF_FFFF_0000_0000,
    ]
    return (0..<inputs).map { i in
      if i < 6 { return [UInt64](repeating: lowMasks[i], count: words) }
      return (0..<words).map { w in (w >> (i - 6)) & 1 == 1 ? ~0 : 0 }
    }
  }

  /// Pseudo-random input patterns (SplitMix64), reproducible from `seed`.
  public static func randomPatterns(inputs: Int, words: Int, seed: UInt64) -> [[UInt64]] {
    var random = SplitMix64(seed: seed)
    return (0..<inputs).map { _ in (0..<words).map { _ in random.next() } }
  }

  /// The structural support (input indices, sorted) of every node, or nil where it exceeds `limit`.
  func structuralSupports(limit: Int) -> [[Int]?] {
    var supports = [[Int]?](repeating: [], count: nodeCount)
    for node in 1..<nodeCount {
      if isInput(node) {
        supports[node] = [inputIndex(ofNode: node)]
      } else {
        guard let a = supports[fanin0(node).node], let b = supports[fanin1(node).node] else {
          supports[node] = nil
          continue
        }
        let union = AIG.sortedUnion(a, b)
        supports[node] = union.count <= limit ? union : nil
      }
    }
    return supports
  }

  /// The union of two sorted lists without duplicates.
  static func sortedUnion(_ a: [Int], _ b: [Int]) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(a.count + b.count)
    var i = 0, j = 0
    while i < a.count || j < b.count {
      if j == b.count || (i < a.count && a[i] < b[j]) {
        result.append(a[i]); i += 1
      } else if i == a.count || b[j] < a[i] {
        result.append(b[j]); j += 1
      } else {
        result.append(a[i]); i += 1; j += 1
      }
    }
    return result
  }

  /// Whether nodes `a` and `b` (or `b` complemented) compute the same function, decided by
  /// exhaustive simulation over their joint structural support; false when that is too large.
  func provesEqual(_ a: Int, _ b: Int, complemented: Bool, supports: [[Int]?]) -> Bool {
    guard let sa = supports[a], let sb = supports[b] else { return false }
    let support = AIG.sortedUnion(sa, sb)
    guard support.count <= AIG.exhaustiveInputLimit else { return false }
    // Collect both cones in topological order.
    var inCone = Set<Int>()
    var stack = [a, b]
    while let node = stack.popLast() {
      guard node > 0, inCone.insert(node).inserted, isAnd(node) else { continue }
      stack.append(fanin0(node).node)
      stack.append(fanin1(node).node)
    }
    let cone = inCone.sorted()
    let patterns = AIG.exhaustivePatterns(inputs: support.count)
    let words = patterns[0].count
    var position = [Int: Int]()
    for (k, input) in support.enumerated() { position[input] = k }
    var values = [Int: [UInt64]]()
    values[0] = [UInt64](repeating: 0, count: words)
    for node in cone {
      if isInput(node) {
        values[node] = patterns[position[inputIndex(ofNode: node)]!]
      } else {
        let x = fanin0(node), y = fanin1(node)
        let vx = values[x.node]!, vy = values[y.node]!
        let mx = 0 &- UInt64(x.raw & 1), my = 0 &- UInt64(y.raw & 1)
        values[node] = (0..<words).map { (vx[$0] ^ mx) & (vy[$0] ^ my) }
      }
    }
    let va = values[a]!, vb = values[b]!
    let m = complemented ? ~UInt64(0) : 0
    return (0..<words).allSatisfy { va[$0] == vb[$0] ^ m }
  }
}
