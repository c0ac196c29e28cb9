/// The simplification script applied after constants are embedded.
extension AIG {
  /// A smaller equivalent graph: constants propagated and structurally hashed (by
  /// construction), then functionally equivalent nodes merged (`swept`).
  public func simplified() -> AIG { swept() }

  /// A generic circuit with some input ports tied to constants (port name -> value),
  /// then simplified.
  public func embedding(_ constants: [String: Int]) throws -> AIG {
    var result = self
    for (name, value) in constants.sorted(by: { $0.key < $1.key }) { result = try result.embedding(name, value: value) }
    return result.simplified()
  }
}
