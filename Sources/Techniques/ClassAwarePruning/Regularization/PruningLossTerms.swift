import NeuralNetwork

extension LossTerm {
  /// Class-aware pruning's sparsity term, `weight · Σ |w|` over the tensors of `scope`
  /// (authors' code: 1e-4, every parameter).
  public static func l1(_ weight: Double, scope: L1Scope = .weights) -> LossTerm {
    let settings = PruningRegularization(l1: weight, orthogonality: 0, l1Scope: scope)
    let tensors = scope == .weights ? "conv and linear weights" : "every parameter"
    return LossTerm("\(weight) · L1 of the \(tensors)") { step in
      try settings.penalty(of: step.model) { step.tape.parameter($0) }
    }
  }

  /// Class-aware pruning's orthogonality term, `weight · Σ_l L_orth(W_l)` over every
  /// convolution (authors' code: 0.01, the convolutional penalty of Wang et al.).
  public static func orthogonality(_ weight: Double, kind: OrthogonalityKind = .kernel) -> LossTerm {
    let settings = PruningRegularization(l1: 0, orthogonality: weight, orthogonalityKind: kind)
    return LossTerm("\(weight) · \(kind.rawValue) orthogonality of the convolutions") { step in
      try settings.penalty(of: step.model) { step.tape.parameter($0) }
    }
  }
}
