import Tensor

/// A term added to the training loss, built on each step's tape: a regulariser (L1,
/// orthogonality, a Lipschitz bound) or the loss of extra heads.
///
/// Techniques define their own terms; `TrainingConfiguration.addLoss(_:)` adds them to a run
/// without the trainer knowing what they are.
public struct LossTerm {
  /// What the term is, for reports (`0.0001 · L1 of the weights`).
  public var name: String
  /// The term for one step, a single number on the step's tape; `nil` adds nothing.
  public var compute: (TrainingStep) throws -> Variable?
  /// Layers whose outputs the term reads from `TrainingStep.activations` (an exit head's input).
  public var taps: Set<String>
  /// Parameters the term owns and training updates with the model's (an exit head's weights).
  public var parameters: [Parameter]

  /// Creates a term; `taps` and `parameters` join the run's when the term is added.
  public init(
    _ name: String, taps: Set<String> = [], parameters: [Parameter] = [],
    compute: @escaping (TrainingStep) throws -> Variable?
  ) {
    self.name = name
    self.compute = compute
    self.taps = taps
    self.parameters = parameters
  }
}

extension TrainingConfiguration {
  /// Adds `terms` after the configuration's existing extra loss: each step adds their sum,
  /// taken in order, to the cross-entropy. The terms' taps and parameters join the run's
  /// (a parameter already trained is not added twice).
  public mutating func addLoss(_ terms: [LossTerm]) {
    guard !terms.isEmpty else { return }
    for term in terms {
      taps.formUnion(term.taps)
      for p in term.parameters where !extraParameters.contains(where: { $0 === p }) { extraParameters.append(p) }
    }
    let previous = extraLoss
    extraLoss = { step in
      var total = try previous?(step)
      for term in terms {
        guard let value = try term.compute(step) else { continue }
        total = total.map { $0 + value } ?? value
      }
      return total
    }
  }
}
