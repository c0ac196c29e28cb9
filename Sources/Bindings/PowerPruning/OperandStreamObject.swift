import Kernel
import Techniques

/// The operands one MAC of a systolic array sees (`operand_stream`, `random_stream`).
final class OperandStreamObject: LabObject {
  static let typeName = "OperandStream"
  let stream: OperandStream

  init(_ stream: OperandStream) { self.stream = stream }

  static let memberDocs: [(name: String, doc: String)] = [
    ("transitions", "Transitions in the stream (operations minus one)."),
    ("origin", "Where the operands come from."),
    ("segments", "Processing elements whose streams were joined."),
    ("activations", "The activation levels, one per operation."),
    ("partial_sums", "The partial sums arriving from above, one per operation."),
    ("zero_fraction", "The fraction of operations whose activation is 0."),
    ("histogram", "`histogram()`: rows {activation, count} of the activation levels that occur."),
  ]
  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "transitions": return .number(Double(stream.transitions))
    case "origin": return .string(stream.origin)
    case "segments": return .number(Double(stream.segments))
    case "activations": return .list(stream.activations.map { .number(Double($0)) })
    case "partial_sums": return .list(stream.partialSums.map { .number(Double($0)) })
    case "zero_fraction":
      return .number(Double(stream.activations.filter { $0 == 0 }.count) / Double(max(1, stream.activations.count)))
    case "histogram":
      return method(name, doc: "Counts of the activation levels.", parameters: [], returns: .list) { object, _, _ in
        var counts: [Int: Int] = [:]
        for a in object.stream.activations { counts[a, default: 0] += 1 }
        return .list(counts.keys.sorted().map { key in
          .record(Record([("activation", .number(Double(key))), ("count", .number(Double(counts[key] ?? 0)))]))
        })
      }
    default: return nil
    }
  }

  var summary: String { "<OperandStream \(stream.transitions) transitions, \(stream.origin)>" }
}
