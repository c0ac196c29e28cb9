import Charts
import Hardware
import Kernel

/// A MAC's energy per weight value in the language: `t.rows`, `table(t)`, `line_chart(t, ...)`.
public final class PowerTableObject: LabObject {
  /// `PowerTable`.
  public static let typeName = "PowerTable"
  /// The characterization.
  public let table: MACPowerTable
  /// The clock the power column is for, in hertz.
  public static let frequency = 1e9

  /// What drove the characterization, for captions.
  public let origin: String

  /// Wraps a characterization; `origin` says what drove it.
  public init(_ table: MACPowerTable, origin: String? = nil) {
    self.table = table
    self.origin = origin ?? "\(table.transitions) random activation transitions"
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("rows", "One record per weight: weight, energy_pj, power_uw (at 1 GHz with leakage), worst_settle_ps."),
    ("transitions", "Activation transitions simulated per weight."),
    ("leakage", "The MAC's leakage power, in microwatts."),
    ("cheapest", "`cheapest(n)`: the n weights of lowest energy, cheapest first, as rows."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { Self.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "rows": return .list(records.map { .record($0) })
    case "transitions": return .number(Double(table.transitions))
    case "leakage": return .number(table.leakagePower * 1e6)
    case "cheapest":
      return method(name, doc: "The n cheapest weights.", parameters: [Parameter("n", .int, default: .number(10))], returns: .list) {
        object, args, _ in
        let n = try args.int("n")
        guard n >= 1 else { throw args.error("n", "must be at least 1, got \(n)") }
        return .list(object.cheapest(n).map { .record($0) })
      }
    default: return nil
    }
  }

  /// One record per weight, in the order characterized.
  var records: [Record] {
    table.entries.map { entry in
      Record([
        ("weight", .number(Double(entry.weight))),
        ("energy_pj", .number(entry.energyPerOperation * 1e12)),
        ("power_uw", .number((entry.energyPerOperation * Self.frequency + table.leakagePower) * 1e6)),
        ("worst_settle_ps", .number(entry.worstSettleTime * 1e12)),
      ])
    }
  }

  /// The `n` records of lowest energy, cheapest first (ties by weight).
  func cheapest(_ n: Int) -> [Record] {
    let order = table.entries.indices.sorted {
      let a = table.entries[$0], b = table.entries[$1]
      return a.energyPerOperation != b.energyPerOperation ? a.energyPerOperation < b.energyPerOperation : a.weight < b.weight
    }
    let all = records
    return order.prefix(n).map { all[$0] }
  }

  /// The rows, so `table(t)` and the chart builtins work.
  public func rows() -> [Record]? { records }

  /// `<PowerTable 256 weights, 10000 transitions>`.
  public var summary: String { "<PowerTable \(table.entries.count) weights, \(table.transitions) transitions>" }

  /// A line chart of energy per weight and a table of the ten cheapest weights.
  public func display() -> [DisplayItem] {
    let c = table.configuration
    let shape = "\(c.activationBits)x\(c.weightBits)+\(c.accumulatorBits) MAC"
    let spec = ChartSpec(
      kind: .line, title: "Energy per operation by weight", xLabel: "weight", yLabel: "energy (pJ)",
      series: [ChartSpec.Series(
        name: "energy_pj", x: table.entries.map { Double($0.weight) }, y: table.entries.map { $0.energyPerOperation * 1e12 })])
    var items: [DisplayItem] = [.chart(ChartDisplay(
      spec: spec, caption: "\(shape): dynamic energy per operation for each stationary weight, \(origin), \(table.counting.rawValue) toggle counting"))]
    if let cheapest = try? TableObject(
      columns: ["weight", "energy_pj", "power_uw"], records: cheapest(10),
      caption: "\(shape): the cheapest weights (power at 1 GHz, leakage included)",
      formats: ["energy_pj": try FormatSpec(".4f"), "power_uw": try FormatSpec(".2f")])
    {
      items += cheapest.display()
    }
    return items
  }
}
