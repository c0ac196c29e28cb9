import Foundation
import Kernel
import Techniques

/// The weight and activation values PowerPruning keeps (`select_values`).
final class ValueSelectionObject: LabObject {
  static let typeName = "ValueSelection"
  let selection: ValueSelection
  /// Energy per operation of every characterised weight, in joules, for the rows.
  let energy: [Int: Double]

  init(_ selection: ValueSelection, energy: [Int: Double]) {
    self.selection = selection
    self.energy = energy
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("weights", "The weight values kept, ascending."),
    ("activations", "The activation values kept, ascending."),
    ("pool", "The power-selected pool, cheapest first."),
    ("target_ps", "The timing cut on weights, in ps."),
    ("before_ps", "The critical sensitised delay of every weight over the whole activation grid, in ps."),
    ("after_ps", "The critical sensitised delay of the kept weights over the kept activations, in ps."),
    ("weight_rows", "Rows {weight, energy_pj, delay_ps, in_pool, kept}: every characterised weight, its delay over the kept activations."),
    ("activation_rows", "Rows {activation, delay_ps, removed_at, kept}: every grid value, its worst delay over the pool, when it was dropped (0: kept)."),
  ]
  var memberNames: [String] { Self.memberDocs.map(\.name) }

  static func numbers(_ values: [Int]) -> Value { .list(values.map { .number(Double($0)) }) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "weights": return Self.numbers(selection.weights)
    case "activations": return Self.numbers(selection.activations)
    case "pool": return Self.numbers(selection.pool)
    case "target_ps": return .number(selection.targetDelay * 1e12)
    case "before_ps": return .number(selection.criticalDelayBefore * 1e12)
    case "after_ps": return .number(selection.criticalDelayAfter * 1e12)
    case "weight_rows":
      let kept = Set(selection.weights), pool = Set(selection.pool)
      return .list(selection.weightDelays.map { row in
        .record(Record([
          ("weight", .number(Double(row.weight))), ("energy_pj", .number((energy[row.weight] ?? .nan) * 1e12)),
          ("delay_ps", .number(row.delay * 1e12)), ("in_pool", .bool(pool.contains(row.weight))),
          ("kept", .bool(kept.contains(row.weight))),
        ]))
      })
    case "activation_rows":
      return .list(selection.activationDelays.map { row in
        .record(Record([
          ("activation", .number(Double(row.activation))), ("delay_ps", .number(row.delay * 1e12)),
          ("removed_at", .number(Double(row.removedAt))), ("kept", .bool(row.removedAt == 0)),
        ]))
      })
    default: return nil
    }
  }

  var summary: String {
    "<ValueSelection \(selection.weights.count) weights, \(selection.activations.count) activations, critical path \(String(format: "%.1f", selection.criticalDelayBefore * 1e12)) -> \(String(format: "%.1f", selection.criticalDelayAfter * 1e12)) ps>"
  }
}
