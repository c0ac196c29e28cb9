import Tensor

extension Model {
  /// The weights that multipliers hold: those of every convolution and linear layer, by dotted name.
  public var multiplierWeights: [(name: String, parameter: Parameter)] {
    allLayers.compactMap { layer in
      if let conv = layer as? Conv2d { return (layer.path + ".weight", conv.weight) }
      if let linear = layer as? Linear { return (layer.path + ".weight", linear.weight) }
      return nil
    }
  }

  /// The multiplier weights as integer levels and scales, for the hardware models.
  public func quantizedWeights(_ quantizer: Quantizer) throws -> [(name: String, tensor: QuantizedTensor)] {
    try multiplierWeights.map { ($0.name, try quantizer.quantize($0.parameter.value)) }
  }

  /// Post-training quantisation: replaces every multiplier weight by its fake-quantised value.
  public func quantizeWeights(_ quantizer: Quantizer) throws {
    // Compute all before changing any, so an error leaves the model as it was.
    let quantized = try multiplierWeights.map { ($0.parameter, try quantizer.fakeQuantize($0.parameter.value)) }
    for (parameter, value) in quantized { parameter.value = value }
  }

  /// The quantised activations of the chosen layers for a batch of inputs, as integer levels and the
  /// scales used, running the model with the activation quantisation in place (as the hardware would).
  public func quantizedActivations(
    for inputs: Tensor, quantization: ActivationQuantization
  ) throws -> [(name: String, tensor: QuantizedTensor)] {
    for path in quantization.layers { _ = try requireLayer(path) }
    let record = ScaleRecord()
    let context = ForwardContext(training: false)
    context.hooks = quantization.hooks(recording: record)
    context.taps = Set(quantization.layers)
    _ = try forward(Variable(inputs), context: context)
    return try quantization.layers.compactMap { path in
      guard let value = context.activations[path]?.value, let scales = record.scales[path] else { return nil }
      return (path, try quantization.quantizer.quantize(value, scales: scales))
    }
  }
}

extension WeightProjection {
  /// A projection of `model`'s multiplier weights onto `quantizer`'s levels, with scales fixed from the weights now.
  public init(quantizer: Quantizer, model: Model) throws {
    try self.init(quantizer: quantizer, parameters: model.multiplierWeights.map(\.parameter))
  }

  /// Projects the weights now and after every optimiser step of a training run (through its `onBatch`).
  public func install(in configuration: inout TrainingConfiguration) throws {
    try apply()
    let previous = configuration.onBatch
    configuration.onBatch = { progress in
      try self.apply()
      try previous?(progress)
    }
  }
}
