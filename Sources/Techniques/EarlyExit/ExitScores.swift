import NeuralNetwork
import Tensor

/// Every head's logits and the final layer's for a labelled set, computed once without early
/// termination: the β and threshold searches and the tolerance sweeps replay the exit rules on
/// them instead of running the network again.
public struct ExitScores: Sendable {
  /// The exits' layer paths.
  public var exitNames: [String]
  /// `exits[j]`: head `j`'s logits `[N, K]`.
  public var exits: [Tensor]
  /// The final layer's logits `[N, K]`.
  public var final: Tensor
  /// The true classes.
  public var labels: [Int]
  /// Multiply-accumulates per example of the backbone's segments (see `MultiExitModel.segmentMACs`).
  public var segmentMACs: [Int]
  /// Multiply-accumulates per example of each head.
  public var headMACs: [Int]

  /// Creates scores from logits already computed (stored ones).
  public init(exitNames: [String], exits: [Tensor], final: Tensor, labels: [Int], segmentMACs: [Int], headMACs: [Int]) {
    self.exitNames = exitNames
    self.exits = exits
    self.final = final
    self.labels = labels
    self.segmentMACs = segmentMACs
    self.headMACs = headMACs
  }

  /// The number of samples.
  public var count: Int { labels.count }
  /// The number of classes.
  public var classCount: Int { final.shape.last ?? 0 }
  /// The backbone's multiply-accumulates per example (the original network, no head).
  public var originalMACs: Int { segmentMACs.reduce(0, +) }

  /// The accuracy of the final layer alone (the original network).
  public var originalAccuracy: Double {
    guard count > 0 else { return 0 }
    let predicted = final.argmax(alongAxis: 1)
    return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(count)
  }

  /// The outcome of every sample under `policy`, replayed on these logits with the same rules
  /// and the same accounting of multiply-accumulates as `MultiExitModel.infer`.
  public func replay(_ policy: ExitPolicy) throws -> [ExitOutcome] {
    try policy.validate(exits: exits.count)
    let k = classCount
    let n = exits.count
    var outcomes: [ExitOutcome] = []
    outcomes.reserveCapacity(count)
    let exitScalars = exits.map(\.scalars)
    let finalScalars = final.scalars
    for i in 0..<count {
      var allowed = [Bool](repeating: true, count: k)
      var macs = 0
      var excluded = [Int?](repeating: nil, count: n)
      var stopped: (exit: Int, cls: Int)?
      for j in 0..<n {
        macs += segmentMACs[j]
        guard policy.isActive(j) else { continue }
        macs += headMACs[j]
        let step = exitScalars[j].withUnsafeBufferPointer { buffer in
          policy.apply(exit: j, logits: UnsafeBufferPointer(rebasing: buffer[(i * k)..<((i + 1) * k)]), allowed: &allowed)
        }
        excluded[j] = step.excluded
        if let cls = step.stop {
          stopped = (j, cls)
          break
        }
      }
      let remaining = allowed.reduce(0) { $0 + ($1 ? 1 : 0) }
      if let stopped {
        outcomes.append(
          ExitOutcome(
            exit: stopped.exit, masked: stopped.cls, unmasked: stopped.cls, macs: macs, excluded: excluded,
            remaining: remaining))
      } else {
        macs += segmentMACs[n]
        let decisions = finalScalars.withUnsafeBufferPointer { buffer in
          let row = UnsafeBufferPointer(rebasing: buffer[(i * k)..<((i + 1) * k)])
          return (ExitPolicy.argmax(row, allowed: allowed), ExitPolicy.argmax(row))
        }
        outcomes.append(
          ExitOutcome(
            exit: nil, masked: decisions.0, unmasked: decisions.1, macs: macs, excluded: excluded, remaining: remaining))
      }
    }
    return outcomes
  }

  /// The fraction of `outcomes` whose decision (masked or not) is the label.
  public func accuracy(_ outcomes: [ExitOutcome], masked: Bool = true) -> Double {
    guard !outcomes.isEmpty else { return 0 }
    let correct = zip(outcomes, labels).filter { (masked ? $0.masked : $0.unmasked) == $1 }.count
    return Double(correct) / Double(outcomes.count)
  }
}

extension MultiExitModel {
  /// Every head's and the final layer's logits on `data`, in evaluation mode, `batchSize` at a time;
  /// `onBatch(done, total)` may throw to stop.
  public func scores(
    on data: Dataset, batchSize: Int = 500, onBatch: ((Int, Int) throws -> Void)? = nil
  ) throws -> ExitScores {
    try checkInputs(data)
    let n = data.count
    let size = Swift.max(batchSize, 1)
    var exitScalars = [[Float]](repeating: [], count: heads.count)
    var finalScalars: [Float] = []
    var start = 0
    while start < n {
      let end = Swift.min(start + size, n)
      let x = Self.rows(data.inputs, start, end)
      let context = ForwardContext(training: false)
      let (exits, final) = try forward(Variable(x), context: context)
      for j in exits.indices { exitScalars[j] += exits[j].value.scalars }
      finalScalars += final.value.scalars
      start = end
      try onBatch?(end, n)
    }
    return ExitScores(
      exitNames: exitNames, exits: exitScalars.map { Tensor(shape: [n, classCount], scalars: $0) },
      final: Tensor(shape: [n, classCount], scalars: finalScalars), labels: data.labels, segmentMACs: segmentMACs,
      headMACs: headMACs)
  }

  /// Checks that `data` holds examples of the backbone's input shape and labels of its classes.
  func checkInputs(_ data: Dataset) throws {
    guard Array(data.inputs.shape.dropFirst()) == backbone.inputShape else {
      throw EarlyExitError(
        .invalidData, "model '\(backbone.name)' takes examples \(backbone.inputShape), the data holds \(Array(data.inputs.shape.dropFirst()))")
    }
    guard data.labels.allSatisfy({ (0..<classCount).contains($0) }) else {
      throw EarlyExitError(.invalidData, "the data's labels must be classes 0..<\(classCount) of model '\(backbone.name)'")
    }
  }
}
