import Kernel
import Techniques

extension ExitEvaluationObject: CacheableObject {
  /// The evaluation (every sample's outcome and the per-exit figures), the exit names and the
  /// wall times when timed, as JSON with sorted keys (doubles written to round trip exactly).
  func encode(to writer: CacheWriter) throws {
    try writer.codable(evaluation)
    writer.strings(exitNames)
    writer.bool(timing != nil)
    if let timing { try writer.codable(timing) }
  }

  /// Reads what ``encode(to:)`` wrote.
  static func decode(from reader: CacheReader) throws -> ExitEvaluationObject {
    let evaluation = try reader.codable(ExitEvaluation.self)
    let names = try reader.strings()
    let timing = try reader.bool() ? try reader.codable(PairedTiming.self) : nil
    guard evaluation.exits.count == names.count + 1 else { throw CacheFormatError("cached exit evaluation does not fit its exits") }
    return ExitEvaluationObject(evaluation, exitNames: names, timing: timing)
  }
}

extension ExitSearchObject: CacheableObject {
  /// The search's result (every trial), the exit names and the tolerance.
  func encode(to writer: CacheWriter) throws {
    writer.bool(betas != nil)
    if let betas { try writer.codable(betas) }
    writer.bool(threshold != nil)
    if let threshold { try writer.codable(threshold) }
    writer.strings(exitNames)
    writer.double(tolerance)
  }

  /// Reads what ``encode(to:)`` wrote.
  static func decode(from reader: CacheReader) throws -> ExitSearchObject {
    let betas = try reader.bool() ? try reader.codable(BetaSearchResult.self) : nil
    let threshold = try reader.bool() ? try reader.codable(ThresholdSearchResult.self) : nil
    let names = try reader.strings()
    let tolerance = try reader.double()
    switch (betas, threshold) {
    case (let betas?, nil): return ExitSearchObject(betas: betas, exitNames: names, tolerance: tolerance)
    case (nil, let threshold?): return ExitSearchObject(threshold: threshold, exitNames: names, tolerance: tolerance)
    default: throw CacheFormatError("cached exit search holds neither or both of a β and a threshold search")
    }
  }
}
