/// Depth reduction by balancing AND trees.
extension AIG {
  /// A copy with every multi-input AND (a tree of AND nodes joined by uncomplemented,
  /// single-fanout edges) rebuilt as a tree that combines the two shallowest inputs first,
  /// which minimises its depth. The function is unchanged; the node count rarely changes.
  public func balanced() -> AIG {
    var refs = [Int](repeating: 0, count: nodeCount)
    for node in 1..<nodeCount where isAnd(node) {
      refs[fanin0(node).node] += 1
      refs[fanin1(node).node] += 1
    }
    for literal in outputs { refs[literal.node] += 1 }

    var result = AIG()
    var map = [Literal?](repeating: nil, count: nodeCount)
    map[0] = .false
    for (input, literal) in zip(inputNodes, result.copyInterface(of: self)) { map[input] = literal }
    var level = [Int](repeating: 0, count: result.nodeCount)

    func levelOf(_ literal: Literal) -> Int { literal.node < level.count ? level[literal.node] : 0 }

    func build(_ root: Int) -> Literal {
      if let done = map[root] { return done }
      // Collect the supergate's inputs.
      var inputs: [Literal] = []
      var stack = [fanin0(root), fanin1(root)]
      while let literal = stack.popLast() {
        if !literal.isComplemented && isAnd(literal.node) && refs[literal.node] == 1 {
          stack.append(fanin0(literal.node))
          stack.append(fanin1(literal.node))
        } else {
          inputs.append(literal)
        }
      }
      var pending = inputs.map { literal -> Literal in
        build(literal.node).complemented(if: literal.isComplemented)
      }
      // Combine the two shallowest repeatedly.
      while pending.count > 1 {
        pending.sort { levelOf($0) > levelOf($1) }
        let a = pending.removeLast(), b = pending.removeLast()
        let combined = result.and(a, b)
        if combined.node >= level.count {
          level.append(contentsOf: Array(repeating: 0, count: combined.node + 1 - level.count))
        }
        if result.isAnd(combined.node) && level[combined.node] == 0 {
          level[combined.node] = 1 + max(levelOf(a), levelOf(b))
        }
        pending.append(combined)
      }
      let literal = pending.first ?? .true
      map[root] = literal
      return literal
    }

    // Build bottom-up so the recursion stays shallow.
    for node in 1..<nodeCount where isAnd(node) && refs[node] != 1 { _ = build(node) }
    let outs = outputs.map { literal -> Literal in
      let base = isAnd(literal.node) ? build(literal.node) : map[literal.node]!
      return base.complemented(if: literal.isComplemented)
    }
    result.setOutputs(outs, names: outputNames, ports: outputPorts)
    return result.compacted()
  }
}
