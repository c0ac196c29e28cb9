import NeuralNetwork
import Tensor

/// Which tensors the L1 penalty sums over.
public enum L1Scope: String, Sendable, Equatable, CaseIterable, Codable {
  /// The weights of convolutions and linear layers (the talk's `Σ ||W_l||_1`).
  case weights
  /// Every trainable tensor, biases and batch-norm scales included (the authors' code).
  case allParameters
}

/// The training loss of class-aware pruning: `CE + λ1 · L1 + λ2 · L_orth`.
///
/// The L1 term sparsifies the weights; the orthogonality term makes the filters of each
/// convolution differ, so that a filter ends up serving few or many classes rather than
/// duplicating its neighbours, which polarises the importance scores.
public struct PruningRegularization: Sendable, Equatable, Codable {
  /// λ1, the weight of the L1 penalty (authors' code: 1e-4).
  public var l1: Double
  /// λ2, the weight of the orthogonality penalty (authors' code: 0.01).
  public var orthogonality: Double
  /// Which orthogonality penalty.
  public var orthogonalityKind: OrthogonalityKind
  /// Which tensors the L1 penalty covers.
  public var l1Scope: L1Scope

  /// Creates the regularisation; the defaults are the authors' code's coefficients.
  public init(
    l1: Double = 1e-4, orthogonality: Double = 0.01, orthogonalityKind: OrthogonalityKind = .kernel,
    l1Scope: L1Scope = .weights
  ) {
    self.l1 = l1
    self.orthogonality = orthogonality
    self.orthogonalityKind = orthogonalityKind
    self.l1Scope = l1Scope
  }

  /// No regularisation: plain cross-entropy.
  public static let none = PruningRegularization(l1: 0, orthogonality: 0)

  /// Whether any term is active.
  public var isActive: Bool { l1 != 0 || orthogonality != 0 }

  /// Checks the coefficients.
  public func validate() throws {
    guard l1 >= 0, l1.isFinite, orthogonality >= 0, orthogonality.isFinite else {
      throw ClassAwarePruningError(
        .invalidSetting, "the L1 and orthogonality weights must be finite and non-negative, got \(l1) and \(orthogonality)")
    }
  }

  /// `Σ |w|` over the tensors of `l1Scope`, read through `variable` (the tape's leaves, or constants).
  public func l1Penalty(of model: Model, variable: (Parameter) -> Variable) -> Variable? {
    let tensors: [Parameter]
    switch l1Scope {
    case .allParameters:
      tensors = model.parameters
    case .weights:
      tensors = model.allLayers.compactMap { ($0 as? Conv2d)?.weight ?? ($0 as? Linear)?.weight }
    }
    return tensors.map { variable($0).abs().sum() }.reduce(nil) { sum, term in sum.map { $0 + term } ?? term }
  }

  /// `Σ_l` of the orthogonality penalty over every convolution, read through `variable`.
  public func orthogonalityPenalty(of model: Model, variable: (Parameter) -> Variable) throws -> Variable? {
    var total: Variable?
    for case let conv as Conv2d in model.allLayers {
      let w = variable(conv.weight)
      let term: Variable
      switch orthogonalityKind {
      case .kernel: term = try Orthogonality.kernel(w)
      case .convolutional: term = try Orthogonality.convolutional(w)
      }
      total = total.map { $0 + term } ?? term
    }
    return total
  }

  /// `λ1 · L1 + λ2 · L_orth` for `model`, read through `variable`; nil when both weights are zero.
  public func penalty(of model: Model, variable: (Parameter) -> Variable) throws -> Variable? {
    var total: Variable?
    if l1 != 0, let term = l1Penalty(of: model, variable: variable) {
      total = term * Float(l1)
    }
    if orthogonality != 0, let term = try orthogonalityPenalty(of: model, variable: variable) {
      let scaled = term * Float(orthogonality)
      total = total.map { $0 + scaled } ?? scaled
    }
    return total
  }

  /// The penalty's value for `model` as it stands (no tape).
  public func value(for model: Model) throws -> Double {
    try penalty(of: model) { Variable($0.value) }.map { Double($0.value.scalars.first ?? 0) } ?? 0
  }

  /// The extra-loss hook of a `TrainingConfiguration`: the penalty on the step's tape.
  public var extraLoss: ((TrainingStep) throws -> Variable?)? {
    guard isActive else { return nil }
    let settings = self
    return { step in try settings.penalty(of: step.model) { step.tape.parameter($0) } }
  }
}
