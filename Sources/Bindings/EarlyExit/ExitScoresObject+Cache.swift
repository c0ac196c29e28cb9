import Kernel
import Tensor
import Techniques

extension ExitScoresObject: CacheableObject {
  /// Every head's logits and the final ones bit for bit, the labels, the costs and the part's name.
  func encode(to writer: CacheWriter) throws {
    writer.strings(scores.exitNames)
    writer.int(scores.exits.count)
    for logits in scores.exits { EngineCacheCoding.write(logits, to: writer) }
    EngineCacheCoding.write(scores.final, to: writer)
    writer.ints(scores.labels)
    writer.ints(scores.segmentMACs)
    writer.ints(scores.headMACs)
    writer.string(part)
  }

  /// Reads what ``encode(to:)`` wrote, checking that the shapes fit together.
  static func decode(from reader: CacheReader) throws -> ExitScoresObject {
    let names = try reader.strings()
    let exits = try (0..<reader.count(elementSize: 16)).map { _ in try EngineCacheCoding.readTensor(from: reader) }
    let final = try EngineCacheCoding.readTensor(from: reader)
    let labels = try reader.ints()
    let segments = try reader.ints()
    let heads = try reader.ints()
    let part = try reader.string()
    let shape = [labels.count, final.shape.last ?? 0]
    guard final.shape == shape, exits.allSatisfy({ $0.shape == shape }), names.count == exits.count,
      heads.count == exits.count, segments.count == exits.count + 1
    else { throw CacheFormatError("cached exit scores do not fit together") }
    return ExitScoresObject(
      ExitScores(exitNames: names, exits: exits, final: final, labels: labels, segmentMACs: segments, headMACs: heads), part: part)
  }
}
