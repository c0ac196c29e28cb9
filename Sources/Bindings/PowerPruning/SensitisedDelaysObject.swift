import Foundation
import Kernel
import Techniques

/// Sensitised delays per weight over an activation grid (`sensitised_delays`); rows are weights.
final class SensitisedDelaysObject: LabObject {
  static let typeName = "SensitisedDelays"
  let delays: SensitisedDelays

  init(_ delays: SensitisedDelays) { self.delays = delays }

  static let memberDocs: [(name: String, doc: String)] = [
    ("rows", "One record per weight: weight, worst_delay_ps over every transition of the grid."),
    ("activations", "The activation grid."),
    ("critical_ps", "The worst delay over every weight and transition, in ps (the clock PowerPruning keeps)."),
    ("partial_sum", "The partial sum held."),
  ]
  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "rows": return .list(records.map { .record($0) })
    case "activations": return .list(delays.activations.map { .number(Double($0)) })
    case "critical_ps": return .number(delays.critical() * 1e12)
    case "partial_sum": return .number(Double(delays.partialSum))
    default: return nil
    }
  }

  var records: [Record] {
    delays.tables.map { Record([("weight", .number(Double($0.weight))), ("worst_delay_ps", .number($0.worst * 1e12))]) }
  }

  func rows() -> [Record]? { records }

  var summary: String {
    "<SensitisedDelays \(delays.tables.count) weights x \(delays.activations.count)² transitions, critical \(String(format: "%.1f", delays.critical() * 1e12)) ps>"
  }
}
