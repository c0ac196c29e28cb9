import Tensor

/// The samples of one batch still running through early-exit inference, one row each: which
/// sample a row holds, the classes still allowed for it and what each exit excluded. The tables are
/// flat (row after row), so deciding at an exit allocates nothing, and rows move the way
/// `Tensor.removeRows` moves the activations when samples stop.
struct ExitBatch {
  let classes: Int
  let exits: Int
  /// `samples[r]`: the index into the data of the sample in row `r`.
  private(set) var samples: [Int]
  /// `allowed[r * classes + k]`: class `k` is still allowed for row `r`.
  private var allowed: [Bool]
  /// `excluded[r * exits + j]`: the classes exit `j` excluded for row `r`, -1 where it did not run.
  private var excluded: [Int]

  init(samples: Range<Int>, classes: Int, exits: Int) {
    self.classes = classes
    self.exits = exits
    self.samples = Array(samples)
    allowed = [Bool](repeating: true, count: samples.count * classes)
    excluded = [Int](repeating: -1, count: samples.count * exits)
  }

  var rows: Int { samples.count }

  /// Applies exit `j` of `policy` to each row's logits (`[rows, classes]`). Returns the rows that
  /// stop, ascending, with the class each stops with.
  mutating func decide(exit j: Int, policy: ExitPolicy, logits: Tensor) -> [(row: Int, cls: Int)] {
    var stops: [(row: Int, cls: Int)] = []
    let (k, e) = (classes, exits)
    logits.scalars.withUnsafeBufferPointer { z in
      allowed.withUnsafeMutableBufferPointer { allowed in
        excluded.withUnsafeMutableBufferPointer { excluded in
          for r in 0..<samples.count {
            let step = policy.apply(
              exit: j, logits: UnsafeBufferPointer(rebasing: z[(r * k)..<((r + 1) * k)]),
              allowed: UnsafeMutableBufferPointer(rebasing: allowed[(r * k)..<((r + 1) * k)]))
            excluded[r * e + j] = step.excluded
            if let cls = step.stop { stops.append((r, cls)) }
          }
        }
      }
    }
    return stops
  }

  /// The classes still allowed for row `r`.
  func allowedClasses(_ r: Int) -> ArraySlice<Bool> { allowed[(r * classes)..<((r + 1) * classes)] }

  /// Row `r`'s outcome, with the decisions and MACs given.
  func outcome(_ r: Int, exit: Int?, masked: Int, unmasked: Int, macs: Int) -> ExitOutcome {
    ExitOutcome(
      exit: exit, masked: masked, unmasked: unmasked, macs: macs,
      excluded: excluded[(r * exits)..<((r + 1) * exits)].map { $0 < 0 ? nil : $0 },
      remaining: allowedClasses(r).reduce(0) { $0 + ($1 ? 1 : 0) })
  }

  /// Keeps the rows `order` (new row `i` is old row `order[i]`), as `Tensor.removeRows` returns it.
  mutating func keep(_ order: [Int]) {
    func gather<T>(_ table: [T], _ width: Int) -> [T] {
      var kept: [T] = []
      kept.reserveCapacity(order.count * width)
      for r in order { kept.append(contentsOf: table[(r * width)..<((r + 1) * width)]) }
      return kept
    }
    samples = order.map { samples[$0] }
    allowed = gather(allowed, classes)
    excluded = gather(excluded, exits)
  }
}
