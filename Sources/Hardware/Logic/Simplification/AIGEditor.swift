/// A mutable AIG with fanout lists and reference counts, for in-place rewriting.
///
/// Nodes can be replaced by any literal computing the same function: fanouts are
/// redirected, structural hashing is maintained (a redirected node that becomes trivial or
/// a duplicate is replaced in turn), and logic left without references is deleted.
final class AIGEditor {
  var fanin0: [UInt32]
  var fanin1: [UInt32]
  var refs: [Int32]
  var fanouts: [[Int32]]
  var dead: [Bool]
  var strash: [UInt64: Int32]
  var outputs: [Literal]
  let isInputNode: [Bool]
  let source: AIG

  init(_ aig: AIG) {
    source = aig
    let n = aig.nodeCount
    fanin0 = (0..<n).map { aig.isAnd($0) ? aig.fanin0($0).raw : 0 }
    fanin1 = (0..<n).map { aig.isAnd($0) ? aig.fanin1($0).raw : 0 }
    refs = [Int32](repeating: 0, count: n)
    fanouts = [[Int32]](repeating: [], count: n)
    dead = [Bool](repeating: false, count: n)
    strash = [:]
    strash.reserveCapacity(n)
    isInputNode = (0..<n).map { aig.isInput($0) }
    outputs = aig.outputs
    for node in 1..<n where aig.isAnd(node) {
      for fanin in [aig.fanin0(node).node, aig.fanin1(node).node] {
        refs[fanin] += 1
        fanouts[fanin].append(Int32(node))
      }
      strash[AIGEditor.key(fanin0[node], fanin1[node])] = Int32(node)
    }
    for literal in outputs { refs[literal.node] += 1 }
  }

  static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

  var nodeCount: Int { fanin0.count }

  func isAnd(_ node: Int) -> Bool { node > 0 && (node >= isInputNode.count || !isInputNode[node]) }

  /// The number of live AND nodes.
  var andCount: Int { (1..<nodeCount).filter { isAnd($0) && !dead[$0] }.count }

  /// The trivial result of ANDing two literals, or nil when a node is needed.
  static func trivial(_ a: UInt32, _ b: UInt32) -> Literal? {
    let x = min(a, b), y = max(a, b)
    if x == 0 { return .false }
    if x == 1 { return Literal(raw: y) }
    if x == y { return Literal(raw: x) }
    if x ^ 1 == y { return .false }
    return nil
  }

  /// The existing literal for `a & b`, if any (trivial or hashed).
  func lookup(_ a: Literal, _ b: Literal) -> Literal? {
    if let t = AIGEditor.trivial(a.raw, b.raw) { return t }
    let x = min(a.raw, b.raw), y = max(a.raw, b.raw)
    return strash[AIGEditor.key(x, y)].map { Literal(node: Int($0)) }
  }

  /// `a & b`, found or created (a created node starts without references).
  func and(_ a: Literal, _ b: Literal) -> Literal {
    if let found = lookup(a, b) { return found }
    let x = min(a.raw, b.raw), y = max(a.raw, b.raw)
    let node = nodeCount
    fanin0.append(x)
    fanin1.append(y)
    refs.append(0)
    fanouts.append([])
    dead.append(false)
    for fanin in [Int(x >> 1), Int(y >> 1)] {
      refs[fanin] += 1
      fanouts[fanin].append(Int32(node))
    }
    strash[AIGEditor.key(x, y)] = Int32(node)
    return Literal(node: node)
  }

  /// Deletes `node` if nothing references it, and then its fanins in turn.
  func deleteIfUnused(_ node: Int) {
    var stack = [node]
    while let n = stack.popLast() {
      guard isAnd(n), !dead[n], refs[n] == 0 else { continue }
      dead[n] = true
      if strash[AIGEditor.key(fanin0[n], fanin1[n])] == Int32(n) {
        strash.removeValue(forKey: AIGEditor.key(fanin0[n], fanin1[n]))
      }
      for fanin in [Int(fanin0[n] >> 1), Int(fanin1[n] >> 1)] {
        refs[fanin] -= 1
        if let i = fanouts[fanin].firstIndex(of: Int32(n)) { fanouts[fanin].remove(at: i) }
        stack.append(fanin)
      }
    }
  }

  /// Replaces every use of `old` by `replacement` (same function), then deletes `old`.
  func replace(_ old: Int, with replacement: Literal) {
    var queue: [(Int, Literal)] = [(old, replacement)]
    while let (o, n) = queue.popLast() {
      guard !dead[o], n.node != o else { continue }
      // Keep the replacement alive while its fanouts move.
      refs[n.node] += 1
      for i in outputs.indices where outputs[i].node == o {
        outputs[i] = n.complemented(if: outputs[i].isComplemented)
        refs[n.node] += 1
        refs[o] -= 1
      }
      for f in fanouts[o] {
        let fn = Int(f)
        guard !dead[fn] else { continue }
        let oldKey = AIGEditor.key(fanin0[fn], fanin1[fn])
        if strash[oldKey] == f { strash.removeValue(forKey: oldKey) }
        var a = fanin0[fn], b = fanin1[fn]
        if Int(a >> 1) == o {
          a = n.raw ^ (a & 1)
          refs[o] -= 1
          refs[n.node] += 1
          fanouts[n.node].append(f)
        }
        if Int(b >> 1) == o {
          b = n.raw ^ (b & 1)
          refs[o] -= 1
          refs[n.node] += 1
          fanouts[n.node].append(f)
        }
        fanin0[fn] = min(a, b)
        fanin1[fn] = max(a, b)
        if let t = AIGEditor.trivial(fanin0[fn], fanin1[fn]) {
          queue.append((fn, t))
        } else if let existing = strash[AIGEditor.key(fanin0[fn], fanin1[fn])], Int(existing) != fn {
          queue.append((fn, Literal(node: Int(existing))))
        } else {
          strash[AIGEditor.key(fanin0[fn], fanin1[fn])] = f
        }
      }
      fanouts[o] = []
      refs[n.node] -= 1
      deleteIfUnused(o)
    }
  }

  /// Dereferences the cone of `node` down to `leaves`, returning how many nodes it frees
  /// (their count drops to zero); `reference` undoes it.
  func dereference(_ node: Int, leaves: Cut) -> Int {
    var freed = 1
    for fanin in [Int(fanin0[node] >> 1), Int(fanin1[node] >> 1)] where isAnd(fanin) && !leaves.contains(fanin) {
      refs[fanin] -= 1
      if refs[fanin] == 0 { freed += dereference(fanin, leaves: leaves) }
    }
    return freed
  }

  /// Undoes `dereference`.
  func reference(_ node: Int, leaves: Cut) {
    for fanin in [Int(fanin0[node] >> 1), Int(fanin1[node] >> 1)] where isAnd(fanin) && !leaves.contains(fanin) {
      if refs[fanin] == 0 { reference(fanin, leaves: leaves) }
      refs[fanin] += 1
    }
  }

  /// The edited graph as a compact AIG in topological order (same inputs and outputs).
  func result() -> AIG {
    var g = AIG()
    var map = [Literal?](repeating: nil, count: nodeCount)
    map[0] = .false
    for (input, literal) in zip(source.inputNodes, g.copyInterface(of: source)) { map[input] = literal }
    func build(_ root: Int) -> Literal {
      if let m = map[root] { return m }
      var stack = [root]
      while let node = stack.last {
        if map[node] != nil {
          stack.removeLast()
          continue
        }
        let a = Int(fanin0[node] >> 1), b = Int(fanin1[node] >> 1)
        if let ma = map[a], let mb = map[b] {
          stack.removeLast()
          map[node] = g.and(ma.complemented(if: fanin0[node] & 1 == 1), mb.complemented(if: fanin1[node] & 1 == 1))
        } else {
          if map[a] == nil { stack.append(a) }
          if map[b] == nil { stack.append(b) }
        }
      }
      return map[root]!
    }
    let outs = outputs.map { build($0.node).complemented(if: $0.isComplemented) }
    g.setOutputs(outs, names: source.outputNames, ports: source.outputPorts)
    return g
  }
}
