import Foundation
import NeuralNetwork

/// Wall times of early-exit inference against the original network, measured in pairs batch by
/// batch: each batch runs both ways back to back, in alternating order, so the load swings of a
/// shared machine (which last longer than a batch) fall on both alike. Timing whole runs one
/// after the other instead left the saving scattering by ±10 points between quiet runs.
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
    var timing = PairedTiming(early: [], original: [])
    for r in 0..<repeats {
      var early = 0.0
      var original = 0.0
      for (b, batch) in batches.enumerated() {
        func timed(_ body: () throws -> Void) rethrows -> Double {
          let start = DispatchTime.now().uptimeNanoseconds
          try body()
          return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        if (r + b) % 2 == 0 {
          early += try timed { _ = try infer(batch, policy: policy, batchSize: batchSize) }
          original += try timed { _ = try inferOriginal(batch, batchSize: batchSize) }
        } else {
          original += try timed { _ = try inferOriginal(batch, batchSize: batchSize) }
          early += try timed { _ = try infer(batch, policy: policy, batchSize: batchSize) }
        }
        try onBatch?(r * batches.count + b + 1, repeats * batches.count)
      }
      timing.early.append(early)
      timing.original.append(original)
    }
    return timing
  }
}
