/// The simplification script applied after constants are embedded.
extension AIG {
  /// A smaller equivalent graph, by a script in the spirit of ABC's `resyn2`:
  /// functionally equivalent nodes merged (`swept`), one pass of cut rewriting, then
  /// `rounds` rounds of balancing, zero-gain rewriting (restructuring that may open new
  /// savings), sweeping and rewriting, each kept only if it does not grow the graph, and a
  /// final balancing unless that adds nodes.
  public func simplified(rounds: Int = 1) -> AIG {
    var best = swept()
    let first = best.rewritten().swept()
    if first.andCount < best.andCount { best = first }
    for _ in 0..<rounds {
      let next = best.balanced().rewritten(zeroGain: true).swept().rewritten().swept()
      guard next.andCount < best.andCount else { break }
      best = next
    }
    let balanced = best.balanced()
    return balanced.andCount <= best.andCount ? balanced : best
  }

  /// A generic circuit with some input ports tied to constants (port name -> value),
  /// then simplified.
  public func embedding(_ constants: [String: Int]) throws -> AIG {
    var result = self
    for (name, value) in constants.sorted(by: { $0.key < $1.key }) { result = try result.embedding(name, value: value) }
    return result.simplified()
  }
}
