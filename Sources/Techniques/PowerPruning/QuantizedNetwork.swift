import Hardware
import NeuralNetwork
import Tensor

/// A network with integer weights and activations as an accelerator runs it, optionally
/// restricted to chosen weight and activation values.
///
/// Weights are quantised per output channel with scales fixed when the network is made;
/// every multiplier's input is quantised per tensor with a scale calibrated once (the largest
/// magnitude on the calibration images over the top level), through forward hooks on the
/// layers that produce it (see `MultiplierLayer`) and, for the first layer, on the images
/// themselves (`prepared(_:)`). With allowed values the same scales are kept for activations
/// (values beyond the largest allowed level clamp there, the rest round to the nearest allowed
/// one) and the weights' scales put each channel's largest weight on the largest allowed
/// magnitude (`WeightProjection`).
public final class QuantizedNetwork {
  /// The network, its multiplier weights on the grid.
  public let model: Model
  /// The bit width of weights and activations.
  public let bits: Int
  /// The weights' quantiser (per output channel), with the allowed weight levels if restricted.
  public let weightQuantizer: Quantizer
  /// The fixed per-channel scale of every multiplier layer's weights, by layer path.
  public let weightScales: [String: [Float]]
  /// The activations' quantiser (per tensor), with the allowed activation levels if restricted.
  public let activationQuantizer: Quantizer
  /// The scale of the network's input images.
  public let inputScale: Float
  /// The scale of each source's output, by source path.
  public let sourceScales: [String: Float]
  /// The multiplier layers and their sources.
  public let layers: [MultiplierLayer]
  /// The projection onto the allowed weight levels (with the fixed scales), if restricted.
  public let projection: WeightProjection?

  init(
    model: Model, bits: Int, weightQuantizer: Quantizer, weightScales: [String: [Float]], activationQuantizer: Quantizer,
    inputScale: Float, sourceScales: [String: Float], layers: [MultiplierLayer], projection: WeightProjection? = nil
  ) {
    self.projection = projection
    self.model = model
    self.bits = bits
    self.weightQuantizer = weightQuantizer
    self.weightScales = weightScales
    self.activationQuantizer = activationQuantizer
    self.inputScale = inputScale
    self.sourceScales = sourceScales
    self.layers = layers
  }

  /// The allowed weight levels, or nil for every `bits`-bit level.
  public var allowedWeights: [Int]? { weightQuantizer.allowedLevels }
  /// The allowed activation levels, or nil for every `bits`-bit level.
  public var allowedActivations: [Int]? { activationQuantizer.allowedLevels }

  /// A copy of `model` with `bits`-bit weights (per channel) and activations, the activation
  /// scales calibrated on `calibration` (images shaped like the model's input).
  public static func quantize(_ model: Model, bits: Int = 8, calibration: Tensor) throws -> QuantizedNetwork {
    guard (2...16).contains(bits) else { throw PowerPruningError("quantize: bits must be in 2...16, got \(bits)") }
    guard (calibration.shape.first ?? 0) > 0 else { throw PowerPruningError("quantize: no calibration images") }
    let copy = try model.copy()
    let layers = MultiplierLayer.all(in: copy)
    guard !layers.isEmpty else { throw PowerPruningError("quantize: '\(model.name)' has no convolution or linear layer") }
    let weightQuantizer = try Quantizer(bits: bits, granularity: .perChannel(axis: 0))
    var scales: [String: [Float]] = [:]
    for (name, parameter) in copy.multiplierWeights {
      let path = String(name.dropLast(".weight".count))
      let s = try weightQuantizer.scales(for: parameter.value)
      scales[path] = s
      parameter.value = try weightQuantizer.fakeQuantize(parameter.value, scales: s)
    }
    let activationQuantizer = try Quantizer(bits: bits)
    let sources = MultiplierLayer.sources(of: layers)
    let calibrated = try ActivationQuantization.calibrated(
      quantizer: activationQuantizer, layers: sources, model: copy, inputs: calibration)
    var sourceScales: [String: Float] = [:]
    for path in sources { sourceScales[path] = calibrated.scales[path]?.first ?? 1 }
    let inputScale = try activationQuantizer.scales(for: calibration)[0]
    return QuantizedNetwork(
      model: copy, bits: bits, weightQuantizer: weightQuantizer, weightScales: scales,
      activationQuantizer: activationQuantizer, inputScale: inputScale, sourceScales: sourceScales, layers: layers)
  }

  /// A copy restricted to the given weight and activation levels: weights projected onto the
  /// allowed levels (scales fixed now), activations rounded or clamped onto theirs.
  public func restricted(weights: [Int], activations: [Int]) throws -> QuantizedNetwork {
    let top = (1 << (bits - 1)) - 1
    for (name, values) in [("weight", weights), ("activation", activations)] {
      guard !values.isEmpty else { throw PowerPruningError("restrict: the allowed \(name) values are empty") }
      if let bad = values.first(where: { $0 < -top - 1 || $0 > top }) {
        throw PowerPruningError("restrict: \(name) value \(bad) does not fit \(bits) bits (\(-top - 1)...\(top))")
      }
      guard values.contains(where: { $0 != 0 }) else {
        throw PowerPruningError("restrict: the allowed \(name) values need a non-zero value, got \(values)")
      }
    }
    let copy = try model.copy()
    let weightQuantizer = try Quantizer(bits: bits, granularity: .perChannel(axis: 0), allowedLevels: weights)
    let projection = try WeightProjection(quantizer: weightQuantizer, model: copy)
    try projection.apply()
    var scales: [String: [Float]] = [:]
    for (layer, target) in zip(copy.multiplierWeights, projection.targets) {
      scales[String(layer.name.dropLast(".weight".count))] = target.scales
    }
    return QuantizedNetwork(
      model: copy, bits: bits, weightQuantizer: weightQuantizer, weightScales: scales,
      activationQuantizer: try Quantizer(bits: bits, allowedLevels: activations), inputScale: inputScale,
      sourceScales: sourceScales, layers: layers, projection: projection)
  }

  /// The hooks that quantise every multiplier's input (a straight-through gradient in training).
  public var hooks: [String: (Variable) throws -> Variable] {
    ActivationQuantization(
      quantizer: activationQuantizer, layers: Array(sourceScales.keys).sorted(),
      scales: sourceScales.mapValues { [$0] }
    ).hooks()
  }

  /// The images as the first layer's multipliers see them: quantised with the input scale.
  public func prepared(_ inputs: Tensor) throws -> Tensor {
    try activationQuantizer.fakeQuantize(inputs, scales: [inputScale])
  }

  /// A data set with its images prepared (see `prepared(_:)`).
  public func prepared(_ data: Dataset) throws -> Dataset {
    var copy = data
    copy.inputs = try prepared(data.inputs)
    return copy
  }

  /// Test accuracy with integer weights and activations.
  public func accuracy(on data: Dataset, onBatch: ((Int, Int) throws -> Void)? = nil) throws -> Double {
    try model.evaluate(on: try prepared(data), hooks: hooks, onBatch: onBatch).accuracy
  }

  /// The integer weight levels of every multiplier layer, by path, in the layer's own layout.
  public func weightLevels() throws -> [(path: String, levels: [Int])] {
    try model.multiplierWeights.map { entry in
      let path = String(entry.name.dropLast(".weight".count))
      guard let scales = weightScales[path] else { throw PowerPruningError("no weight scales for layer '\(path)'") }
      return (path, try weightQuantizer.quantize(entry.parameter.value, scales: scales).levels)
    }
  }

  /// Every multiplier layer's integer weights and input activations for `inputs` (a batch of
  /// images), lowered to the matrices a systolic array streams.
  public func integerLayers(for inputs: Tensor) throws -> [IntegerLayer] {
    let images = try prepared(inputs)
    let context = ForwardContext(training: false)
    context.hooks = hooks
    context.taps = Set(sourceScales.keys)
    _ = try model.forward(Variable(images), context: context)
    let weights = Dictionary(uniqueKeysWithValues: try weightLevels().map { ($0.path, $0.levels) })
    return try layers.map { entry in
      let value: Tensor
      let scale: Float
      if let source = entry.source {
        guard let tapped = context.activations[source]?.value, let s = sourceScales[source] else {
          throw PowerPruningError("the output of '\(source)' feeding '\(entry.path)' was not recorded")
        }
        (value, scale) = (tapped, s)
      } else {
        (value, scale) = (images, inputScale)
      }
      let levels = try activationQuantizer.quantize(value, scales: [scale]).levels
      guard let layer = model.layer(entry.path), let w = weights[entry.path] else {
        throw PowerPruningError("no layer '\(entry.path)'")
      }
      return try IntegerLayer(path: entry.path, layer: try Self.shape(of: layer, input: value.shape), input: levels, weights: w)
    }
  }

  /// The im2col shape of a convolution or linear layer for an input of `shape`.
  static func shape(of layer: Layer, input shape: [Int]) throws -> LayerShape {
    if let conv = layer as? Conv2d {
      guard shape.count == 4 else { throw PowerPruningError("'\(layer.path)' gets an input of shape \(shape), not NCHW") }
      return .convolution(
        inChannels: conv.inChannels, outChannels: conv.outChannels, kernelHeight: conv.kernelSize,
        kernelWidth: conv.kernelSize, inputHeight: shape[2], inputWidth: shape[3], stride: conv.stride,
        padding: conv.padding, batch: shape[0])
    }
    if let linear = layer as? Linear {
      return .linear(inputs: linear.inFeatures, outputs: linear.outFeatures, batch: shape.first ?? 0)
    }
    throw PowerPruningError("'\(layer.path)' is not a convolution or linear layer")
  }
}
