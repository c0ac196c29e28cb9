import Foundation
import NeuralNetwork
import Tensor

/// Wall times of early-exit inference against the original network, measured in pairs batch by
/// batch: each batch runs both ways back to back, in alternating order, so the load swings of a
/// shared machine (which last longer than a batch) fall on both alike. Timing whole runs one
/// after the other instead left the saving scattering by ±10 points between quiet runs. The
/// batches run side by side on the engine's threads, as `infer` runs them: each thread times its
/// own batches both ways, and a repeat's seconds are the sums over all threads divided by their
/// number (the wall time of a run that keeps every thread busy throughout).
public struct PairedTiming: Equatable, Sendable, Codable {
  /// Seconds of each repeat with early exit (the sum over its batches).
  public var early: [Double]
  /// Seconds of each repeat through the original network.
  public var original: [Double]

  /// The median over the repeats of the early-exit seconds.
  public var medianEarly: Double { Self.median(early) }
  /// The median over the repeats of the original network's seconds.
  public var medianOriginal: Double { Self.median(original) }
  /// The wall-time reduction: the median over the repeats of 1 − early / original.
  public var reduction: Double { Self.median(zip(early, original).map { 1 - $0 / $1 }) }

  static func median(_ xs: [Double]) -> Double {
    guard !xs.isEmpty else { return .nan }
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}

extension MultiExitModel {
  /// Times `infer` under `policy` against `inferOriginal` on `data`, `repeats` times, paired batch
  /// by batch (see ``PairedTiming``). `onBatch(done, total)` counts batches over all repeats.
  public func timeAgainstOriginal(
    _ data: Dataset, policy: ExitPolicy, batchSize: Int = 256, repeats: Int,
    onBatch: ((Int, Int) throws -> Void)? = nil
  ) throws -> PairedTiming {
    guard repeats >= 1 else { throw EarlyExitError(.invalidSetting, "the repeats must be positive, got \(repeats)") }
    guard batchSize >= 1 else { throw EarlyExitError(.invalidSetting, "the batch size must be positive, got \(batchSize)") }
    let batches = stride(from: 0, to: data.count, by: batchSize).map { data.subset(Array($0..<Swift.min($0 + batchSize, data.count))) }
    let jobs = Swift.max(1, Swift.min(EngineTuning.threadCount, batches.count))
    var timing = PairedTiming(early: [], original: [])
    for r in 0..<repeats {
      // Each job's seconds with early exit and through the original network, over its batches.
      var sums = [Double](repeating: 0, count: 2 * jobs)
      let ran = try sums.withUnsafeMutableBufferPointer { sums in
        let sums = sums
        return try SideBySide.forEach(
          batches.count, jobs: jobs,
          progress: onBatch.map { report in { done in try report(r * batches.count + done, repeats * batches.count) } }
        ) { [self] job, b in
          func timed(_ body: () throws -> Void) rethrows -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
          }
          let batch = batches[b]
          if (r + b) % 2 == 0 {
            sums[2 * job] += try timed { _ = try infer(batch, policy: policy, batchSize: batchSize) }
            sums[2 * job + 1] += try timed { _ = try inferOriginal(batch, batchSize: batchSize) }
          } else {
            sums[2 * job + 1] += try timed { _ = try inferOriginal(batch, batchSize: batchSize) }
            sums[2 * job] += try timed { _ = try infer(batch, policy: policy, batchSize: batchSize) }
          }
        }
      }
      timing.early.append(stride(from: 0, to: 2 * jobs, by: 2).map { sums[$0] }.reduce(0, +) / Double(ran))
      timing.original.append(stride(from: 1, to: 2 * jobs, by: 2).map { sums[$0] }.reduce(0, +) / Double(ran))
    }
    return timing
  }
}
