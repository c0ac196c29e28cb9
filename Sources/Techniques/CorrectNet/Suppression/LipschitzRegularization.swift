import NeuralNetwork
import Tensor

/// CorrectNet's error suppression: `β · Σ_l ‖W_lᵀ W_l − λ² I‖²_F` over every convolution and linear layer.
///
/// A convolution's weights `[out, in, kh, kw]` are taken as the matrix `out × (in·kh·kw)`, a linear
/// layer's as `out × in`. The penalty drives every singular value of each layer towards λ, so the
/// spectral norm, the layer's Lipschitz constant, stays near the bound.
///
/// Which Gram matrix: `WᵀW` and `WWᵀ` have the same non-zero eigenvalues (the squared singular
/// values), but the larger of the two has `|rows − columns|` eigenvalues that are zero whatever
/// the weights are, so `‖WᵀW − λ²I‖` could never fall below `λ² · √|rows − columns|` and its
/// gradient would fight an unreachable target. The smaller Gram matrix (`WWᵀ` when a layer has
/// fewer outputs than inputs, which is nearly always; `WᵀW` otherwise) penalises exactly the
/// singular values, which is the faithful reading of the formula's intent.
public struct LipschitzRegularization: Equatable, Sendable {
  /// The bound λ is computed from.
  public let bound: LipschitzBound
  /// β, the weight of the penalty.
  public let beta: Double

  /// Creates the regularisation; `beta` must be finite and `>= 0`.
  public init(beta: Double, bound: LipschitzBound) throws {
    guard beta.isFinite, beta >= 0 else {
      throw CorrectNetError(.invalidSetting, "beta must be a finite number >= 0, got \(beta)")
    }
    self.beta = beta
    self.bound = bound
  }

  /// The weight tensors the penalty covers, in the model's order: every `Conv2d` and `Linear` weight.
  public static func weights(of model: Model) -> [(path: String, weight: Parameter)] {
    model.allLayers.compactMap { layer in
      if let conv = layer as? Conv2d { return (conv.path, conv.weight) }
      if let linear = layer as? Linear { return (linear.path, linear.weight) }
      return nil
    }
  }

  /// `‖G − λ²I‖²_F` for one weight, `G` the smaller Gram matrix of its `out × rest` matrix.
  public static func term(_ weight: Variable, lambda: Double) throws -> Variable {
    guard weight.shape.count >= 2 else {
      throw CorrectNetError(.invalidSetting, "the Lipschitz penalty needs a weight matrix, got shape \(weight.shape)")
    }
    let rows = weight.shape[0]
    let columns = weight.shape.dropFirst().reduce(1, *)
    let w = try weight.reshaped(to: [rows, columns])
    let gram =
      rows <= columns
      ? try Variable.matmul(w, w, transposeB: true) : try Variable.matmul(w, w, transposeA: true)
    let target = Tensor(identity: Swift.min(rows, columns)) * Float(lambda * lambda)
    return try Variable.combine(gram, Variable(target), .subtract).squared().sum()
  }

  /// `β · Σ_l term(W_l)` for `model`, reading weights through `variable` (the tape's leaves, or constants).
  public func penalty(of model: Model, variable: (Parameter) -> Variable) throws -> Variable? {
    guard beta != 0 else { return nil }
    var total: Variable?
    for (_, weight) in Self.weights(of: model) {
      let term = try Self.term(variable(weight), lambda: bound.lambda)
      total = total.map { $0 + term } ?? term
    }
    return total.map { $0 * Float(beta) }
  }

  /// The penalty's value for `model` as it stands (no tape).
  public func value(for model: Model) throws -> Double {
    try penalty(of: model) { Variable($0.value) }.map { Double($0.value.scalars.first ?? 0) } ?? 0
  }
}
