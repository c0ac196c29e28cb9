import NeuralNetwork
import Tensor

/// Measures class-aware filter importance (Jiang et al., DATE 2024).
///
/// For each class, `imagesPerClass` training images go through the model in evaluation mode
/// on a tape. For every output activation `a` of a scored convolution and image `x`,
/// `Θ' = |a · dL(x)/da|` (the first-order Taylor estimate of the loss change when `a` is set to
/// zero) counts as relevant when it exceeds `tau`. The mean of that indicator over the class's
/// images is the activation's score for the class; the maximum over a filter's activations is the
/// filter's score for the class; the sum over classes is the filter's importance, a soft count of
/// the classes it matters for (see `ImportanceAggregation` for the code's order of the last two).
///
/// The activation is the convolution's output, before batch norm and ReLU, as the authors' code
/// hooks it. `L(x)` is each image's own cross-entropy (the batch loss is a sum, so every image's
/// gradient is that of its own loss). Products are formed in Double: the default `tau = 1e-50` is
/// below the smallest Float, and means "not exactly zero".
public struct ImportanceEstimator: Sendable, Equatable {
  /// Images scored per class (authors' code: 10).
  public var imagesPerClass: Int
  /// The threshold on `Θ'` (authors' code: 1e-50).
  public var tau: Double
  /// The order of maximum and sum (the talk's by default).
  public var aggregation: ImportanceAggregation
  /// Fixes which images are drawn.
  public var seed: UInt64
  /// The convolutions to score; nil scores every convolution whose filters can be removed.
  public var layers: [String]?

  /// Creates an estimator; the defaults are the authors'.
  public init(
    imagesPerClass: Int = 10, tau: Double = 1e-50, aggregation: ImportanceAggregation = .maxThenSum, seed: UInt64 = 0,
    layers: [String]? = nil
  ) {
    self.imagesPerClass = imagesPerClass
    self.tau = tau
    self.aggregation = aggregation
    self.seed = seed
    self.layers = layers
  }

  /// Checks the settings.
  public func validate() throws {
    guard imagesPerClass > 0 else {
      throw ClassAwarePruningError(.invalidSetting, "images per class must be positive, got \(imagesPerClass)")
    }
    guard tau >= 0, tau.isFinite else {
      throw ClassAwarePruningError(.invalidSetting, "tau must be finite and non-negative, got \(tau)")
    }
  }

  /// The convolutions this estimator scores in `model`, checked.
  public func scoredLayers(of model: Model) throws -> [String] {
    guard let layers else { return model.prunableConvolutions }
    for path in layers where !(model.layer(path) is Conv2d) {
      throw ClassAwarePruningError(.invalidLayer, "model '\(model.name)' has no convolution '\(path)'")
    }
    return layers
  }

  /// The importance of every filter of the scored convolutions of `model`, on images drawn from `data`.
  ///
  /// `onProgress` hears once per class; the model's weights and gradients are left as they were.
  public func measure(_ model: Model, on data: Dataset, onProgress: TechniqueProgressHandler? = nil) throws
    -> FilterImportance
  {
    try validate()
    let paths = try scoredLayers(of: model)
    let sample = try ClassSample(from: data, count: imagesPerClass, seed: seed)
    let classes = sample.classCount
    var accumulators = paths.map { _ in LayerAccumulator() }
    defer { model.clearGradients() }
    for (c, images) in sample.perClass.enumerated() {
      let tape = Tape()
      let context = ForwardContext(training: false, tape: tape)
      context.taps = Set(paths)
      // The weights are the tape's leaves, so every activation after the first convolution is tracked.
      let logits = try model.forward(Variable(images.inputs), context: context)
      let loss = try logits.crossEntropy(labels: images.labels, reduction: .sum)
      var activations = [Variable]()
      for path in paths {
        guard let a = context.activations[path] else {
          throw ClassAwarePruningError(.invalidLayer, "convolution '\(path)' was not reached by the forward pass")
        }
        tape.watch(a)
        activations.append(a)
      }
      tape.backward(loss)
      for (l, a) in activations.enumerated() {
        let g = tape.gradient(of: a) ?? Tensor(zeros: a.shape)
        accumulators[l].add(activation: a.value, gradient: g, tau: tau, classes: classes, classIndex: c)
      }
      model.clearGradients()
      try onProgress?(TechniqueProgress(task: "importance", done: c + 1, total: classes))
    }
    let entries = zip(paths, accumulators).map { path, acc in acc.finish(layer: path, aggregation: aggregation) }
    return FilterImportance(
      layers: entries, classCount: classes, imagesPerClass: imagesPerClass, tau: tau, aggregation: aggregation)
  }
}

/// Running sums of one layer's scores over the classes.
struct LayerAccumulator {
  /// `classScores[c][f * positions + p]`: the fraction of class `c`'s images where position `p` of filter `f` mattered.
  var classScores: [[Double]] = []
  /// Sum over images of `|mean over positions of a·g|`, per filter.
  var taylorSum: [Double] = []
  /// Images seen.
  var images = 0
  /// Filters and positions per filter.
  var filters = 0
  var positions = 0

  /// Adds one class's batch: activations and their gradients `[n, filters, h, w]`.
  mutating func add(activation a: Tensor, gradient g: Tensor, tau: Double, classes: Int, classIndex: Int) {
    let n = a.shape[0]
    let f = a.shape.count > 1 ? a.shape[1] : 1
    let per = a.count / Swift.max(n, 1)
    let p = per / Swift.max(f, 1)
    if classScores.isEmpty {
      filters = f
      positions = p
      classScores = [[Double]](repeating: [Double](repeating: 0, count: f * p), count: classes)
      taylorSum = [Double](repeating: 0, count: f)
    }
    var counts = [Int](repeating: 0, count: per)
    a.scalars.withUnsafeBufferPointer { av in
      g.scalars.withUnsafeBufferPointer { gv in
        for j in 0..<n {
          let base = j * per
          for i in 0..<per {
            let product = Double(av[base + i]) * Double(gv[base + i])
            if Swift.abs(product) > tau { counts[i] += 1 }
          }
          for filter in 0..<f {
            var sum = 0.0
            let start = base + filter * p
            for i in start..<(start + p) { sum += Double(av[i]) * Double(gv[i]) }
            taylorSum[filter] += Swift.abs(sum / Double(Swift.max(p, 1)))
          }
        }
      }
    }
    let scale = 1 / Double(Swift.max(n, 1))
    classScores[classIndex] = counts.map { Double($0) * scale }
    images += n
  }

  /// The layer's entry.
  func finish(layer: String, aggregation: ImportanceAggregation) -> LayerImportance {
    let perClass = classScores.map { scores in
      (0..<filters).map { f in scores[(f * positions)..<((f + 1) * positions)].max() ?? 0 }
    }
    let importance: [Double]
    switch aggregation {
    case .maxThenSum:
      importance = (0..<filters).map { f in perClass.reduce(0) { $0 + $1[f] } }
    case .sumThenMax:
      importance = (0..<filters).map { f in
        (0..<positions).map { p in classScores.reduce(0) { $0 + $1[f * positions + p] } }.max() ?? 0
      }
    }
    let taylor = taylorSum.map { $0 / Double(Swift.max(images, 1)) }
    let norm = taylor.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return LayerImportance(
      layer: layer, perClass: perClass, importance: importance, taylor: norm > 0 ? taylor.map { $0 / norm } : taylor)
  }
}
