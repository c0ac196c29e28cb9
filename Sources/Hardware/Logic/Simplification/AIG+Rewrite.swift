/// DAG-aware rewriting of four-input cuts.
///
/// Each AND node, in topological order, is tried against its cuts of up to four leaves:
/// the cut's function is re-synthesised (`CutSynthesizer`) and the new structure is
/// counted in context, nodes already in the graph (outside the logic it would free) being
/// free. When the structure needs fewer new nodes than the node's cone frees (its maximum
/// fanout-free cone above the cut), the node is replaced. The graph is edited in place, so
/// later nodes see earlier rewrites.
extension AIG {
  /// A copy rewritten as described above (never larger than the original).
  ///
  /// With `zeroGain`, replacements that keep the node count but change the structure are
  /// taken too (as ABC's `rewrite -z`), which can open later savings.
  public func rewritten(cutLimit: Int = 8, zeroGain: Bool = false) -> AIG {
    let editor = AIGEditor(self)
    var cuts: [[Cut]?] = Array(repeating: nil, count: nodeCount)
    let original = nodeCount

    func cutsOf(_ node: Int) -> [Cut] {
      if node >= cuts.count { cuts.append(contentsOf: Array(repeating: nil, count: node + 1 - cuts.count)) }
      if let c = cuts[node] { return c }
      guard editor.isAnd(node) else {
        let c = [Cut(node: node)]
        cuts[node] = c
        return c
      }
      let a = Literal(raw: editor.fanin0[node]), b = Literal(raw: editor.fanin1[node])
      var set: [Cut] = []
      for ca in cutsOf(a.node) {
        for cb in cutsOf(b.node) {
          guard var merged = AIG.mergeCuts(ca, cb, size: 4) else { continue }
          var ta = AIG.expand(ca, to: merged), tb = AIG.expand(cb, to: merged)
          if a.isComplemented { ta = ~ta }
          if b.isComplemented { tb = ~tb }
          merged.truthTable = ta & tb
          AIG.insert(AIG.minimized(merged), into: &set, limit: cutLimit)
        }
      }
      set.append(Cut(node: node))
      cuts[node] = set
      return set
    }

    for node in 1..<original where editor.isAnd(node) && !editor.dead[node] {
      var bestGain = zeroGain ? -1 : 0
      var best: (SmallStructure, [Literal])?
      for cut in cutsOf(node) where !(cut.count == 1 && cut.leaf(0) == node) {
        let structure = CutSynthesizer.shared.structure(for: cut.truthTable)
        // A structure cannot beat the cone it would replace by more than the cone's size.
        let freed = editor.dereference(node, leaves: cut)
        let leaves = (0..<cut.count).map { Literal(node: cut.leaf($0)) }
        let added = freed > bestGain ? editor.newNodes(structure, leaves: leaves, root: node) : nil
        editor.reference(node, leaves: cut)
        // A zero-gain move must build something new, or it changes nothing.
        guard let added, freed - added > bestGain, freed - added > 0 || added > 0 else { continue }
        bestGain = freed - added
        best = (structure, leaves)
      }
      if let (structure, leaves) = best {
        let literal = editor.build(structure, leaves: leaves)
        if literal.node != node { editor.replace(node, with: literal) }
      }
    }
    let result = editor.result()
    return result.andCount <= andCount ? result : compacted()
  }
}

extension AIGEditor {
  /// How many nodes building `structure` on `leaves` would add (nodes of the dereferenced
  /// cone count as added, since they would be kept); nil if it would rebuild `root` itself.
  func newNodes(_ structure: SmallStructure, leaves: [Literal], root: Int) -> Int? {
    var resolved = [Literal?](repeating: nil, count: Int(SmallStructure.firstGate) + structure.gates.count)
    resolved[0] = .false
    for (i, leaf) in leaves.enumerated() { resolved[1 + i] = leaf }
    func literal(_ ref: UInt16) -> Literal? {
      resolved[Int(ref >> 1)].map { $0.complemented(if: ref & 1 == 1) }
    }
    var added = 0
    for (k, gate) in structure.gates.enumerated() {
      let index = Int(SmallStructure.firstGate) + k
      if let a = literal(gate.0), let b = literal(gate.1), let found = lookup(a, b) {
        if found.node == root { return nil }
        if isAnd(found.node) && refs[found.node] == 0 { added += 1 }
        resolved[index] = found
      } else {
        added += 1
      }
    }
    if let out = literal(structure.output), out.node == root { return nil }
    return added
  }

  /// Builds `structure` on `leaves` and returns its output literal.
  func build(_ structure: SmallStructure, leaves: [Literal]) -> Literal {
    var resolved = [Literal](repeating: .false, count: Int(SmallStructure.firstGate) + structure.gates.count)
    for (i, leaf) in leaves.enumerated() { resolved[1 + i] = leaf }
    func literal(_ ref: UInt16) -> Literal { resolved[Int(ref >> 1)].complemented(if: ref & 1 == 1) }
    for (k, gate) in structure.gates.enumerated() {
      resolved[Int(SmallStructure.firstGate) + k] = and(literal(gate.0), literal(gate.1))
    }
    return literal(structure.output)
  }
}
