import Tensor

/// Keeps parameters on an allowed value set during training: after each optimiser step, every
/// weight moves to the nearest allowed level times its scale.
///
/// The scales are fixed when the projection is made, from the weights as they are then (normally
/// the trained network before restricted retraining). Recomputing them at every step would let
/// them drift: when the top level is not allowed, each projection lowers the largest weight and
/// with it the next scale.
public struct WeightProjection {
  /// The quantiser whose levels the weights are restricted to.
  public let quantizer: Quantizer
  /// The parameters kept on the grid, with their fixed scales.
  public private(set) var targets: [(parameter: Parameter, scales: [Float])]

  /// Makes a projection of `parameters` onto `quantizer`'s levels, fixing each parameter's scales now.
  public init(quantizer: Quantizer, parameters: [Parameter]) throws {
    self.quantizer = quantizer
    self.targets = try parameters.map { ($0, try quantizer.scales(for: $0.value)) }
  }

  /// Moves every parameter onto the grid in place; call after each optimiser step.
  public func apply() throws {
    for (parameter, scales) in targets {
      parameter.value = try quantizer.fakeQuantize(parameter.value, scales: scales)
    }
  }

  /// The parameters as integer levels with their fixed scales, for the hardware models.
  public func export() throws -> [QuantizedTensor] {
    try targets.map { try quantizer.quantize($0.parameter.value, scales: $0.scales) }
  }
}
