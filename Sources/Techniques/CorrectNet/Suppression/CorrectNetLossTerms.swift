import NeuralNetwork

extension LossTerm {
  /// CorrectNet's error suppression, `β · Σ_l ‖W_lᵀW_l − λ²I‖²` with `λ` from `sigma` and `k`
  /// (see ``LipschitzRegularization``); throws for `sigma < 0`, `k` outside `(0, 1)` or `beta < 0`.
  public static func lipschitz(_ beta: Double, sigma: Double, k: Double) throws -> LossTerm {
    let settings = try LipschitzRegularization(beta: beta, bound: LipschitzBound(sigma: sigma, k: k))
    let lambda = settings.bound.lambda
    return LossTerm("\(beta) · Σ‖WᵀW − λ²I‖² (λ = \((lambda * 10_000).rounded() / 10_000), σ = \(sigma), k = \(k))") {
      step in
      try settings.penalty(of: step.model) { step.tape.parameter($0) }
    }
  }
}
