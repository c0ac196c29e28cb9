import NeuralNetwork
import Tensor

extension MultiExitModel {
  /// Early-exit inference with real per-sample termination: each batch runs segment by segment,
  /// and after each active exit the samples that stopped leave the batch before the next
  /// segment runs. Each sample is charged the multiply-accumulates of the segments and heads it
  /// ran through (the same accounting as `ExitScores.replay`).
  ///
  /// The batches run side by side on the engine's threads (`eachBatch`), except with `onSegment`,
  /// which is called before each segment runs, with the rows of the batch still in it, and makes
  /// the batches run one after the other. `onBatch(done, total)` reports the examples finished and
  /// may throw to stop.
  public func infer(
    _ data: Dataset, policy: ExitPolicy, batchSize: Int = 256, onBatch: ((Int, Int) throws -> Void)? = nil,
    onSegment: ((Int, Int) -> Void)? = nil
  ) throws -> [ExitOutcome] {
    try policy.validate(exits: heads.count)
    try checkInputs(data)
    guard batchSize >= 1 else { throw EarlyExitError(.invalidSetting, "the batch size must be positive, got \(batchSize)") }
    let n = data.count
    let k = classCount
    let exitCount = heads.count
    // The MACs a sample has consumed once it has run segment `j` and, where the policy reads it, head `j`.
    var macs: [Int] = []
    for j in 0...exitCount {
      macs.append((macs.last ?? 0) + plan.segmentMACs[j] + (j < exitCount && policy.isActive(j) ? heads[j].macs : 0))
    }
    let spent = macs
    var outcomes = [ExitOutcome](
      repeating: ExitOutcome(exit: nil, masked: 0, unmasked: 0, macs: 0, excluded: [], remaining: k), count: n)
    // The 1×1 heads' pooling comes out of the batch norm + ReLU pass that ends at their tap
    // (only for the heads the policy reads: an inactive exit costs nothing).
    let meanTaps = Set(heads.indices.filter { heads[$0].poolSize == 1 && policy.isActive($0) }.map { heads[$0].tap })
    try outcomes.withUnsafeMutableBufferPointer { outcomes in
      let outcomes = outcomes
      try Self.eachBatch(n, batchSize: batchSize, sideBySide: onSegment == nil, onBatch: onBatch) { [self] start, end in
        var batch = ExitBatch(samples: start..<end, classes: k, exits: exitCount)
        var x = Variable(Self.rows(data.inputs, start, end))
        let context = ForwardContext(training: false)
        context.planeMeanTaps = meanTaps
        for j in 0..<exitCount where batch.rows > 0 {
          onSegment?(j, batch.rows)
          x = try context.run(plan.segments[j], input: x)
          guard policy.isActive(j) else { continue }
          let stops = batch.decide(exit: j, policy: policy, logits: try heads[j].forward(x, context: context).value)
          guard !stops.isEmpty else { continue }
          for (r, cls) in stops {
            outcomes[batch.samples[r]] = batch.outcome(r, exit: j, masked: cls, unmasked: cls, macs: spent[j])
          }
          // The stopped samples leave the batch here: the next segment never sees them. The
          // last rows move into their places (only as many rows are copied as stopped), so
          // the tensor is released from its variable first and changed where it lies.
          var value = x.value
          x = Variable(Tensor(zeros: [0]))
          batch.keep(try value.removeRows(Set(stops.map(\.row))))
          x = Variable(value)
        }
        guard batch.rows > 0 else { return }
        onSegment?(exitCount, batch.rows)
        let final = try context.run(plan.segments[exitCount], input: x).value
        final.scalars.withUnsafeBufferPointer { buffer in
          for r in 0..<batch.rows {
            let row = UnsafeBufferPointer(rebasing: buffer[(r * k)..<((r + 1) * k)])
            outcomes[batch.samples[r]] = batch.outcome(
              r, exit: nil, masked: ExitPolicy.argmax(row, allowed: Array(batch.allowedClasses(r))),
              unmasked: ExitPolicy.argmax(row), macs: spent[exitCount])
          }
        }
      }
    }
    return outcomes
  }

  /// The backbone alone (the original network) on `data`, `batchSize` at a time, through the same
  /// segments as `infer` so that wall times compare like with like: the final layer's argmax per sample.
  public func inferOriginal(
    _ data: Dataset, batchSize: Int = 256, onBatch: ((Int, Int) throws -> Void)? = nil
  ) throws -> [Int] {
    try checkInputs(data)
    guard batchSize >= 1 else { throw EarlyExitError(.invalidSetting, "the batch size must be positive, got \(batchSize)") }
    var predictions = [Int](repeating: 0, count: data.count)
    try predictions.withUnsafeMutableBufferPointer { predictions in
      let predictions = predictions
      try Self.eachBatch(data.count, batchSize: batchSize, sideBySide: true, onBatch: onBatch) { [self] start, end in
        let logits = try backbone.forward(Variable(Self.rows(data.inputs, start, end)), context: ForwardContext(training: false)).value
        logits.scalars.withUnsafeBufferPointer { buffer in
          for r in 0..<(end - start) {
            predictions[start + r] = ExitPolicy.argmax(UnsafeBufferPointer(rebasing: buffer[(r * classCount)..<((r + 1) * classCount)]))
          }
        }
      }
    }
    return predictions
  }

  /// Runs `body(start, end)` for each batch of `n` examples, `batchSize` at a time. With
  /// `sideBySide`, the batches run on the engine's threads side by side (`SideBySide.forEach`),
  /// each batch's kernels on its own thread: the same results bit for bit, and no thread waits
  /// for another between the kernels, as it would at each exit's head and decisions.
  /// `onBatch(done, n)` reports the examples finished (from the caller's thread) and may throw
  /// to stop.
  static func eachBatch(
    _ n: Int, batchSize: Int, sideBySide: Bool, onBatch: ((Int, Int) throws -> Void)?,
    _ body: @escaping (_ start: Int, _ end: Int) throws -> Void
  ) throws {
    let count = (n + batchSize - 1) / batchSize
    try SideBySide.forEach(
      count, jobs: sideBySide ? EngineTuning.threadCount : 1,
      progress: onBatch.map { report in { done in try report(Swift.min(done * batchSize, n), n) } }
    ) { _, b in
      try body(b * batchSize, Swift.min((b + 1) * batchSize, n))
    }
  }

  /// Examples `start..<end` of a stacked tensor.
  static func rows(_ tensor: Tensor, _ start: Int, _ end: Int) -> Tensor {
    let per = tensor.count / Swift.max(tensor.shape.first ?? 1, 1)
    var shape = tensor.shape
    shape[0] = end - start
    return Tensor(shape: shape, scalars: Array(tensor.scalars[(start * per)..<(end * per)]))
  }
}
