import Hardware
import NeuralNetwork
import Tensor

/// Monte Carlo evaluation of a trained network on RRAM crossbars under device variation.
///
/// For each of `samples` seeded draws of the devices, every convolution and linear layer reads
/// its sampled weights (swapped into the model, which is restored afterwards) and the network
/// classifies `data`; the result holds each sample's accuracy and their statistics. Without
/// converters a sample is one batched inference pass of the engine without a tape; with a DAC
/// or ADC configured, mapped layers are computed tile by tile (``CrossbarForward``) with
/// converter ranges calibrated once on the nominal network (the ideal network's values on the
/// first `calibrationExamples` examples).
public struct MonteCarloVariation: Sendable {
  /// The crossbar the layers are mapped onto.
  public var crossbar: CrossbarConfiguration
  /// The device variation the samples are drawn from.
  public var variation: LogNormalVariation
  /// The number of Monte Carlo samples.
  public var samples: Int
  /// The seed of the draws: the same seed gives the same samples.
  public var seed: UInt64
  /// Examples per inference batch (larger batches make fewer, larger matrix products).
  public var batchSize: Int
  /// Examples, from the start of the data, that fix the converter ranges (used only with converters).
  public var calibrationExamples: Int

  /// Creates an evaluation, checking its settings.
  public init(
    variation: LogNormalVariation, samples: Int = 20, seed: UInt64 = 0, crossbar: CrossbarConfiguration = .standard,
    batchSize: Int = 1000, calibrationExamples: Int = 1000
  ) throws {
    guard samples >= 1 else {
      throw AnalogEvaluationError(.invalidSetting, "a Monte Carlo evaluation needs at least one sample, got \(samples)")
    }
    guard batchSize >= 1 else {
      throw AnalogEvaluationError(.invalidSetting, "the batch size must be positive, got \(batchSize)")
    }
    guard calibrationExamples >= 1 else {
      throw AnalogEvaluationError(.invalidSetting, "calibration needs at least one example, got \(calibrationExamples)")
    }
    self.variation = variation
    self.samples = samples
    self.seed = seed
    self.crossbar = crossbar
    self.batchSize = batchSize
    self.calibrationExamples = calibrationExamples
  }

  /// The accuracy of `model` on `data` over the Monte Carlo samples.
  ///
  /// `hooks` are installed on every forward pass (a model with fake-quantised activations needs
  /// its hooks). `onSample` is called after each sample and may throw to stop the run (the
  /// model's weights are restored either way).
  public func accuracy(
    of model: Model, on data: Dataset, hooks: [String: (Variable) throws -> Variable] = [:],
    onSample: ((VariationProgress) throws -> Void)? = nil
  ) throws -> VariationAccuracy {
    guard data.count > 0 else {
      throw AnalogEvaluationError(.invalidData, "there are no examples to evaluate on")
    }
    let network = try CrossbarNetwork(model: model, configuration: crossbar)
    let batches = Self.batches(of: data, size: batchSize)
    var infer: (Tensor) throws -> Tensor
    if crossbar.hasConverters {
      let pass = CrossbarForward(network: network, hooks: hooks)
      let calibration = Array(batches.prefix { $0.start < calibrationExamples })
      try network.withWeights(network.nominalWeights) {
        for batch in calibration {
          let size = batch.labels.count
          let count = Swift.min(size, calibrationExamples - batch.start)
          let inputs = count == size ? batch.inputs : batch.inputs.split(alongAxis: 0, sizes: [count, size - count])[0]
          _ = try pass(inputs, mode: .calibrate)
        }
      }
      let converters = try pass.calibrations.map { try $0.converters(for: crossbar) }
      infer = { x in try pass(x, mode: .convert(converters)) }
    } else {
      infer = { x in
        let context = ForwardContext(training: false)
        context.hooks = hooks
        return try model.forward(Variable(x), context: context).value
      }
    }
    var accuracies = [Double]()
    accuracies.reserveCapacity(samples)
    for sample in 0..<samples {
      let weights = network.sampledWeights(variation, seed: seed, sample: sample)
      let correct = try network.withWeights(weights) {
        try batches.reduce(0) { total, batch in try total + Self.correctCount(infer(batch.inputs), labels: batch.labels) }
      }
      let accuracy = Double(correct) / Double(data.count)
      accuracies.append(accuracy)
      try onSample?(VariationProgress(done: sample + 1, total: samples, accuracy: accuracy))
    }
    return VariationAccuracy(accuracies: accuracies, variation: variation, exampleCount: data.count)
  }

  /// One batch of examples: its first index, inputs and labels.
  struct Batch {
    var start: Int
    var inputs: Tensor
    var labels: [Int]
  }

  /// The data cut once into consecutive batches, reused by every sample.
  static func batches(of data: Dataset, size: Int) -> [Batch] {
    let n = data.count
    let starts = Array(stride(from: 0, to: n, by: size))
    let sizes = starts.map { Swift.min(size, n - $0) }
    let pieces = sizes.count == 1 ? [data.inputs] : data.inputs.split(alongAxis: 0, sizes: sizes)
    return zip(starts, zip(sizes, pieces)).map { start, piece in
      Batch(start: start, inputs: piece.1, labels: Array(data.labels[start..<(start + piece.0)]))
    }
  }

  /// How many rows of `logits` have their largest value at the label.
  static func correctCount(_ logits: Tensor, labels: [Int]) throws -> Int {
    guard logits.rank == 2, logits.shape[0] == labels.count else {
      throw AnalogEvaluationError(
        .invalidData, "the model gives outputs \(logits.shape) for \(labels.count) examples, not one score per class")
    }
    return zip(logits.argmax(alongAxis: 1), labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
  }
}
