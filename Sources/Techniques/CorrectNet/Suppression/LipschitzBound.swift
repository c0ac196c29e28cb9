import Foundation

/// The bound CorrectNet puts on the spectral norm of every layer's weights: `‖W‖₂ ≤ λ`.
///
/// Under variation a weight reads `w · e^θ`, `θ ~ N(0, σ²)`. Requiring `‖w · e^θ‖₂ ≤ k < 1` and
/// bounding `e^θ` by its mean plus three standard deviations gives
/// `λ = k / (e^{σ²/2} + 3 · √((e^{σ²} − 1) · e^{σ²}))` (Eldebiky et al., DATE 2023).
public struct LipschitzBound: Equatable, Sendable {
  /// The σ of the variation the bound is computed for.
  public let sigma: Double
  /// The target Lipschitz constant of a varied layer, `0 < k < 1`.
  public let k: Double

  /// Creates a bound; `sigma` must be finite and `>= 0`, `k` in `(0, 1)`.
  public init(sigma: Double, k: Double) throws {
    guard sigma.isFinite, sigma >= 0 else {
      throw CorrectNetError(.invalidSetting, "sigma must be a finite number >= 0, got \(sigma)")
    }
    guard k.isFinite, k > 0, k < 1 else {
      throw CorrectNetError(.invalidSetting, "k must be between 0 and 1 (exclusive; the bound needs k < 1), got \(k)")
    }
    self.sigma = sigma
    self.k = k
  }

  /// `μ + 3σ` of the factor `e^θ`: `e^{σ²/2} + 3 · √((e^{σ²} − 1) · e^{σ²})`.
  public var factorBound: Double {
    let s2 = sigma * sigma
    return exp(s2 / 2) + 3 * ((exp(s2) - 1) * exp(s2)).squareRoot()
  }

  /// λ, the bound on each layer's spectral norm: `k / factorBound`.
  public var lambda: Double { k / factorBound }
}
