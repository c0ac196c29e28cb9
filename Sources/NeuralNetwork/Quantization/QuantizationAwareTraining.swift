import Tensor

/// Quantisation-aware training of a model's multiplier weights, with a straight-through estimator.
///
/// The optimiser updates float master weights, while each forward pass, and so each gradient, sees
/// the fake-quantised weights: the gradient at the quantised point is applied to the master
/// unchanged, which is the straight-through estimator. Installed in a `TrainingConfiguration`, it
/// puts quantised weights in the model before each forward pass (after each update, in `onBatch`)
/// and puts the masters back before the backward pass updates them (in `extraLoss`, which the
/// trainer calls after the forward pass). Between batches and after training the model holds the
/// quantised weights, so test accuracy is that of the quantised network.
public final class QuantizationAwareTraining {
  /// The model trained.
  public let model: Model
  /// The weight quantiser (scales from the current masters at each step).
  public let quantizer: Quantizer
  private let weights: [(name: String, parameter: Parameter)]
  private var masters: [Tensor]?

  /// Prepares quantisation-aware training of `model`'s multiplier weights with `quantizer`.
  public init(model: Model, quantizer: Quantizer) {
    self.model = model
    self.quantizer = quantizer
    self.weights = model.multiplierWeights
  }

  /// Whether the model holds quantised weights and the masters are kept here.
  public var holdsQuantizedWeights: Bool { masters != nil }

  /// The float master weights by name (the model's own weights when none are held).
  public var masterWeights: [(name: String, tensor: Tensor)] {
    zip(weights, masters ?? weights.map(\.parameter.value)).map { ($0.name, $1) }
  }

  /// Keeps the float weights and puts their fake-quantised values in the model.
  public func quantizeWeights() throws {
    let current = masters ?? weights.map(\.parameter.value)
    let quantized = try current.map { try quantizer.fakeQuantize($0) }
    masters = current
    for (entry, value) in zip(weights, quantized) { entry.parameter.value = value }
  }

  /// Puts the float master weights back into the model.
  public func restoreMasterWeights() {
    guard let masters else { return }
    for (entry, value) in zip(weights, masters) { entry.parameter.value = value }
    self.masters = nil
  }

  /// Quantises the weights now and keeps them quantised around every step of a training run.
  ///
  /// Chains the configuration's existing `extraLoss` and `onBatch`.
  public func install(in configuration: inout TrainingConfiguration) throws {
    try quantizeWeights()
    let previousLoss = configuration.extraLoss
    configuration.extraLoss = { step in
      self.restoreMasterWeights()
      return try previousLoss?(step)
    }
    let previousBatch = configuration.onBatch
    configuration.onBatch = { progress in
      try self.quantizeWeights()
      try previousBatch?(progress)
    }
  }
}
