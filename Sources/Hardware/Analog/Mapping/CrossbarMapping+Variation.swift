import Tensor

extension CrossbarMapping {
  /// The weights the crossbar reads for one draw of the device variation, in the original shape.
  ///
  /// One tensor of factors is drawn per call (two for ``VariationModel/devices``); with
  /// `sigma == 0` the nominal weights come back unchanged and nothing is drawn.
  public func sampledWeights(_ variation: LogNormalVariation, generator: inout SeededGenerator) -> Tensor {
    guard variation.sigma > 0 else { return nominalWeights }
    switch variation.model {
    case .weight:
      return nominalWeights * variation.factors(weightShape, generator: &generator)
    case .devices:
      let positiveFactors = variation.factors([outputs, inputs], generator: &generator)
      let negativeFactors = variation.factors([outputs, inputs], generator: &generator)
      return AnalogKernels.read(
        positive: positive, positiveFactors: positiveFactors, negative: negative, negativeFactors: negativeFactors,
        scale: Float(scale), shape: weightShape)
    }
  }

  /// The weights the crossbar reads for the draw fixed by `seed`.
  public func sampledWeights(_ variation: LogNormalVariation, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return sampledWeights(variation, generator: &generator)
  }

  /// The conductances of one draw of the devices, `[outputs, inputs]` each, in uS.
  ///
  /// Under ``VariationModel/devices`` each device is multiplied by its own factor. Under
  /// ``VariationModel/weight`` the programmed offset above `g_min` of the active device is,
  /// and the idle device stays at `g_min`, so the pair reads exactly `W * e^theta`. The same
  /// generator state gives the same draw as ``sampledWeights(_:generator:)``.
  public func sampledConductances(_ variation: LogNormalVariation, generator: inout SeededGenerator)
    -> (positive: Tensor, negative: Tensor)
  {
    guard variation.sigma > 0 else { return (positive, negative) }
    let minimum = Float(configuration.minimumConductance)
    switch variation.model {
    case .weight:
      let factors = variation.factors([outputs, inputs], generator: &generator)
      return ((positive - minimum) * factors + minimum, (negative - minimum) * factors + minimum)
    case .devices:
      let positiveFactors = variation.factors([outputs, inputs], generator: &generator)
      let negativeFactors = variation.factors([outputs, inputs], generator: &generator)
      return (positive * positiveFactors, negative * negativeFactors)
    }
  }
}
