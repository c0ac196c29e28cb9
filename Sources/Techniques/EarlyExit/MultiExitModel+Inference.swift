import NeuralNetwork
import Tensor

extension MultiExitModel {
  /// Early-exit inference with real per-sample termination: each batch runs segment by segment,
  /// and after each active exit the samples that stopped leave the batch before the next
  /// segment runs. Every sample's multiply-accumulates are counted as it passes through the
  /// segments and heads (the same accounting as `ExitScores.replay`).
  ///
  /// `onBatch(done, total)` is called after each batch and may throw to stop; `onSegment(segment,
  /// rows)` before each segment runs, with the rows of the batch still in it.
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
    var outcomes = [ExitOutcome](
      repeating: ExitOutcome(exit: nil, masked: 0, unmasked: 0, macs: 0, excluded: [], remaining: k), count: n)
    var start = 0
    while start < n {
      let end = Swift.min(start + batchSize, n)
      // `alive[r]` is the sample (index into the data) in row r of the current batch.
      var alive = Array(start..<end)
      var allowed = [[Bool]](repeating: [Bool](repeating: true, count: k), count: alive.count)
      var macs = [Int](repeating: 0, count: alive.count)
      var excluded = [[Int?]](repeating: [Int?](repeating: nil, count: exitCount), count: alive.count)
      var x = Variable(Self.rows(data.inputs, start, end))
      let context = ForwardContext(training: false)
      // The 1×1 heads' pooling comes out of the batch norm + ReLU pass that ends at their tap
      // (only for the heads the policy reads: an inactive exit costs nothing).
      context.planeMeanTaps = Set(heads.indices.filter { heads[$0].poolSize == 1 && policy.isActive($0) }.map { heads[$0].tap })
      for j in 0..<exitCount where !alive.isEmpty {
        onSegment?(j, alive.count)
        x = try context.run(plan.segments[j], input: x)
        for r in alive.indices { macs[r] += plan.segmentMACs[j] }
        guard policy.isActive(j) else { continue }
        let logits = try heads[j].forward(x, context: context).value
        var stopped = Set<Int>()
        logits.scalars.withUnsafeBufferPointer { buffer in
          for r in alive.indices {
            macs[r] += heads[j].macs
            let step = policy.apply(
              exit: j, logits: UnsafeBufferPointer(rebasing: buffer[(r * k)..<((r + 1) * k)]), allowed: &allowed[r])
            excluded[r][j] = step.excluded
            if let cls = step.stop {
              let remaining = allowed[r].reduce(0) { $0 + ($1 ? 1 : 0) }
              outcomes[alive[r]] = ExitOutcome(
                exit: j, masked: cls, unmasked: cls, macs: macs[r], excluded: excluded[r], remaining: remaining)
              stopped.insert(r)
            }
          }
        }
        if !stopped.isEmpty {
          // The stopped samples leave the batch here: the next segment never sees them. The
          // last rows move into their places (only as many rows are copied as stopped), so
          // the tensor is released from its variable first and changed where it lies.
          var value = x.value
          x = Variable(Tensor(zeros: [0]))
          let order = try value.removeRows(stopped)
          alive = order.map { alive[$0] }
          allowed = order.map { allowed[$0] }
          macs = order.map { macs[$0] }
          excluded = order.map { excluded[$0] }
          x = Variable(value)
        }
      }
      if !alive.isEmpty {
        onSegment?(exitCount, alive.count)
        let final = try context.run(plan.segments[exitCount], input: x).value
        final.scalars.withUnsafeBufferPointer { buffer in
          for r in alive.indices {
            let row = UnsafeBufferPointer(rebasing: buffer[(r * k)..<((r + 1) * k)])
            outcomes[alive[r]] = ExitOutcome(
              exit: nil, masked: ExitPolicy.argmax(row, allowed: allowed[r]), unmasked: ExitPolicy.argmax(row),
              macs: macs[r] + plan.segmentMACs[exitCount], excluded: excluded[r],
              remaining: allowed[r].reduce(0) { $0 + ($1 ? 1 : 0) })
          }
        }
      }
      start = end
      try onBatch?(end, n)
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
    var predictions: [Int] = []
    var start = 0
    while start < data.count {
      let end = Swift.min(start + batchSize, data.count)
      let context = ForwardContext(training: false)
      let logits = try backbone.forward(Variable(Self.rows(data.inputs, start, end)), context: context).value
      logits.scalars.withUnsafeBufferPointer { buffer in
        for r in 0..<(end - start) {
          predictions.append(ExitPolicy.argmax(UnsafeBufferPointer(rebasing: buffer[(r * classCount)..<((r + 1) * classCount)])))
        }
      }
      start = end
      try onBatch?(end, data.count)
    }
    return predictions
  }

  /// Examples `start..<end` of a stacked tensor.
  static func rows(_ tensor: Tensor, _ start: Int, _ end: Int) -> Tensor {
    let per = tensor.count / Swift.max(tensor.shape.first ?? 1, 1)
    var shape = tensor.shape
    shape[0] = end - start
    return Tensor(shape: shape, scalars: Array(tensor.scalars[(start * per)..<(end * per)]))
  }
}
