/// The simplification script applied after constants are embedded.
extension AIG {
  /// A smaller equivalent graph: functionally equivalent nodes merged (`swept`), then
  /// cut rewriting and sweeping repeated (at most `maximumPasses` times) while the node
  /// count falls, then AND trees balanced unless that adds nodes.
  public func simplified(maximumPasses: Int = 2) -> AIG {
    var best = swept()
    for _ in 0..<maximumPasses {
      let next = best.rewritten().swept()
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
