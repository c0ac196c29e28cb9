import Tensor

/// Fake quantisation of chosen layers' outputs, through forward hooks, with a straight-through gradient.
///
/// The quantised outputs are what the next layer's multipliers see: on an accelerator they are the
/// integer activations streamed into the MAC array. Scales are fixed per layer after calibration
/// (what hardware uses), or computed from each batch when a layer has none.
public struct ActivationQuantization {
  /// The quantiser applied to every chosen output.
  public var quantizer: Quantizer
  /// The paths of the layers whose outputs are quantised.
  public var layers: [String]
  /// Fixed scales per layer path (from `calibrated`); layers without an entry use per-batch scales.
  public var scales: [String: [Float]]

  /// Creates a quantisation of the outputs of `layers`.
  public init(quantizer: Quantizer, layers: [String], scales: [String: [Float]] = [:]) {
    self.quantizer = quantizer
    self.layers = layers
    self.scales = scales
  }

  /// The layers whose outputs feed multipliers in the usual networks: activation layers and residual
  /// blocks that end in an activation.
  public static func defaultLayers(of model: Model) -> [String] {
    model.allLayers.compactMap { layer in
      if layer is Activation { return layer.path }
      if let block = layer as? ResidualBlock, block.activation != nil { return block.path }
      return nil
    }
  }

  /// A quantisation with fixed scales: the largest magnitude each layer (or channel) outputs on `inputs`.
  ///
  /// Calibration runs the float model in evaluation mode, `batchSize` examples at a time.
  public static func calibrated(
    quantizer: Quantizer, layers: [String], model: Model, inputs: Tensor, batchSize: Int = 500
  ) throws -> ActivationQuantization {
    for path in layers { _ = try model.requireLayer(path) }
    let count = inputs.shape.first ?? 0
    guard count > 0 else { throw QuantizationError("calibrate: no inputs to calibrate on") }
    let data = Dataset(inputs: inputs, labels: [Int](repeating: 0, count: count), classCount: 1)
    let size = Swift.max(batchSize, 1)
    var scales: [String: [Float]] = [:]
    var start = 0
    while start < count {
      let end = Swift.min(start + size, count)
      let batch = data.subset(Array(start..<end)).inputs
      let context = ForwardContext(training: false)
      context.taps = Set(layers)
      _ = try model.forward(Variable(batch), context: context)
      for path in layers {
        guard let output = context.activations[path]?.value else { continue }
        let batchScales = try quantizer.scales(for: output)
        // A channel that is all zero in a batch reports scale 1; only real maxima count.
        let maxima = try maxima(of: output, quantizer: quantizer)
        let merged = zip(batchScales, maxima).map { $1 > 0 ? $0 : 0 }
        scales[path] = scales[path].map { zip($0, merged).map { Swift.max($0, $1) } } ?? merged
      }
      start = end
    }
    // Layers that never produced a non-zero value keep scale 1 (they carry only zeros).
    return ActivationQuantization(
      quantizer: quantizer, layers: layers, scales: scales.mapValues { $0.map { $0 > 0 ? $0 : 1 } })
  }

  /// The largest magnitude per scale group.
  private static func maxima(of tensor: Tensor, quantizer: Quantizer) throws -> [Float] {
    let (channels, inner) = try quantizer.channelLayout(of: tensor.shape)
    var maxima = [Float](repeating: 0, count: channels)
    for (i, x) in tensor.scalars.enumerated() {
      let c = channels == 1 ? 0 : (i / inner) % channels
      maxima[c] = Swift.max(maxima[c], Swift.abs(x))
    }
    return maxima
  }

  /// The forward hooks that quantise the chosen outputs.
  public func hooks() -> [String: (Variable) throws -> Variable] {
    hooks(recording: nil)
  }

  /// The hooks, optionally noting the scales each layer used.
  func hooks(recording record: ScaleRecord?) -> [String: (Variable) throws -> Variable] {
    var hooks: [String: (Variable) throws -> Variable] = [:]
    for path in layers {
      let fixed = scales[path]
      let quantizer = quantizer
      hooks[path] = { x in
        let used = try fixed ?? quantizer.scales(for: x.value)
        record?.scales[path] = used
        return try x.fakeQuantized(quantizer, scales: used)
      }
    }
    return hooks
  }

  /// Adds the hooks to `existing`, applying them after any hook already on the same layer.
  public func merged(into existing: [String: (Variable) throws -> Variable]) -> [String: (Variable) throws -> Variable] {
    var result = existing
    for (path, hook) in hooks() {
      if let before = existing[path] {
        result[path] = { try hook(before($0)) }
      } else {
        result[path] = hook
      }
    }
    return result
  }

  /// Installs the hooks in a forward context (after any hooks it has).
  public func install(in context: ForwardContext) {
    context.hooks = merged(into: context.hooks)
  }

  /// Installs the hooks in a training run's configuration, for quantisation-aware training.
  public func install(in configuration: inout TrainingConfiguration) {
    configuration.hooks = merged(into: configuration.hooks)
  }
}

/// The scales hooks used in one forward pass, by layer path.
final class ScaleRecord {
  var scales: [String: [Float]] = [:]
}
