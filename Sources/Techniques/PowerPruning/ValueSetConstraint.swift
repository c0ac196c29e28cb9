import NeuralNetwork
import Tensor

/// Keeps a network's multiplier weights on an allowed value set while it trains, with a
/// straight-through estimator.
///
/// The optimiser updates float master weights; every forward pass, and so every gradient,
/// sees them projected onto the allowed levels with the projection's fixed scales, and the
/// gradient at the projected point is applied to the masters unchanged. Installed in a
/// `TrainingConfiguration`, it projects after each update (`onBatch`) and puts the masters
/// back after the forward pass (`extraLoss`, which the trainer calls before the backward pass),
/// as `QuantizationAwareTraining` does for the full grid. Between batches and after training
/// the model holds projected weights.
public final class ValueSetConstraint {
  /// The projection onto the allowed levels (its scales are fixed).
  public let projection: WeightProjection
  private var masters: [Tensor]?

  /// A constraint for the projection's parameters.
  public init(projection: WeightProjection) { self.projection = projection }

  /// Keeps the masters and puts the projected weights in the model.
  public func project() throws {
    let current = masters ?? projection.targets.map(\.parameter.value)
    masters = current
    try projection.apply()
  }

  /// Puts the float masters back.
  public func restoreMasters() {
    guard let masters else { return }
    for (target, value) in zip(projection.targets, masters) { target.parameter.value = value }
    self.masters = nil
  }

  /// Projects now and around every step of a run; chains the configuration's `extraLoss` and `onBatch`.
  public func install(in configuration: inout TrainingConfiguration) throws {
    try project()
    let previousLoss = configuration.extraLoss
    configuration.extraLoss = { step in
      self.restoreMasters()
      return try previousLoss?(step)
    }
    let previousBatch = configuration.onBatch
    configuration.onBatch = { progress in
      try self.project()
      try previousBatch?(progress)
    }
  }
}
