import Tensor

/// How well a model classifies a data set.
public struct Evaluation: Equatable, Sendable {
  /// The fraction of examples classified correctly.
  public var accuracy: Double
  /// The accuracy on the examples of each class (NaN for a class without examples).
  public var perClassAccuracy: [Double]
  /// `confusion[true][predicted]`: how many examples of each class got each prediction.
  public var confusionMatrix: [[Int]]
  /// The mean cross-entropy.
  public var loss: Double
  /// The number of examples.
  public var count: Int
}

extension Model {
  /// The model's outputs for a batch of inputs `[N] + inputShape`, in evaluation mode without a tape.
  ///
  /// `hooks` are installed in each batch's context (see `ForwardContext.hooks`);
  /// `onBatch(done, total)` is called after each batch and may throw to stop.
  public func predict(
    _ inputs: Tensor, batchSize: Int = 500, hooks: [String: (Variable) throws -> Variable] = [:],
    onBatch: ((Int, Int) throws -> Void)? = nil
  ) throws -> Tensor {
    let n = inputs.shape.first ?? 0
    _ = try checkInput(inputs.shape)
    let size = Swift.max(batchSize, 1)
    let data = Dataset(inputs: inputs, labels: [Int](repeating: 0, count: n), classCount: 1)
    var outputs = [Float]()
    var outShape = [n]
    var start = 0
    while start < n {
      let end = Swift.min(start + size, n)
      let x = data.batch(Array(start..<end)[...]).inputs
      let context = ForwardContext(training: false)
      context.hooks = hooks
      let y = try forward(Variable(x), context: context)
      outputs += y.value.scalars
      outShape = [n] + y.shape.dropFirst()
      start = end
      try onBatch?(end, n)
    }
    if n == 0 { outShape = [0] + outputShape }
    return Tensor(shape: outShape, scalars: outputs)
  }

  /// Accuracy, per-class accuracy, confusion matrix and loss on a labelled set (hooks as in `predict`).
  public func evaluate(
    on data: Dataset, batchSize: Int = 500, hooks: [String: (Variable) throws -> Variable] = [:],
    onBatch: ((Int, Int) throws -> Void)? = nil
  ) throws -> Evaluation {
    let logits = try predict(data.inputs, batchSize: batchSize, hooks: hooks, onBatch: onBatch)
    let k = data.classCount
    guard logits.shape.count == 2, logits.shape[1] >= k else {
      throw ModelError(.shapeMismatch, "model '\(name)' gives outputs \(logits.shape) for \(k) classes")
    }
    let predicted = logits.argmax(alongAxis: 1)
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: logits.shape[1]), count: k)
    for (label, guess) in zip(data.labels, predicted) where label < k { confusion[label][guess] += 1 }
    let correct = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
    let perClass = (0..<k).map { c -> Double in
      let total = confusion[c].reduce(0, +)
      return total == 0 ? .nan : Double(confusion[c][c]) / Double(total)
    }
    let loss = data.count == 0 ? 0 : Double(try Tensor.crossEntropy(logits: logits, labels: data.labels).loss)
    return Evaluation(
      accuracy: Double(correct) / Double(Swift.max(data.count, 1)), perClassAccuracy: perClass,
      confusionMatrix: confusion.map { Array($0.prefix(k)) }, loss: loss, count: data.count)
  }
}
