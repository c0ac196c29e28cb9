/// Arrival times and the critical path of a mapped netlist at the nominal supply.
public struct TimingReport: Sendable {
  /// The latest arrival over all primary outputs, in seconds.
  public var criticalDelay: Double
  /// The nets of the critical path, from a primary input (or constant) to a primary output.
  public var criticalPath: [Int]
  /// The arrival time of every net, in seconds (inputs at 0).
  public var arrivals: [Double]
  /// The arrival time of every primary output, in seconds.
  public var outputArrivals: [Double]
  /// The critical path cell by cell, from the first cell to the primary output.
  public var steps: [TimingStep] = []

  /// The critical path as a table, one line per cell.
  public var pathDescription: String {
    steps.map { step in
      let edge = step.edge.map { $0 == .rise ? " rise" : " fall" } ?? ""
      return "\(step.cell) \(step.inputPin)->\(step.outputPin)\(edge): delay \(Self.ps(step.delay)), arrival \(Self.ps(step.arrival)), slew \(Self.ps(step.slew)), load \(Self.ff(step.load))"
    }.joined(separator: "\n")
  }

  static func ps(_ t: Double) -> String { String(Int((t * 1e14).rounded())).withDecimal(2) + " ps" }
  static func ff(_ c: Double) -> String { String(Int((c * 1e17).rounded())).withDecimal(2) + " fF" }
}

extension String {
  /// An integer's digits with a decimal point `places` from the right (`"1234"` -> `"12.34"`).
  func withDecimal(_ places: Int) -> String {
    let negative = hasPrefix("-")
    var digits = negative ? String(dropFirst()) : self
    while digits.count <= places { digits = "0" + digits }
    return (negative ? "-" : "") + digits.dropLast(places) + "." + digits.suffix(places)
  }
}

/// The direction a signal changes in.
public enum SignalEdge: String, Hashable, Sendable {
  /// 0 to 1.
  case rise
  /// 1 to 0.
  case fall
}

/// One cell of a critical path.
public struct TimingStep: Hashable, Sendable {
  /// The instance (its index in the netlist).
  public var instance: Int
  /// The cell's name.
  public var cell: String
  /// The input pin the path enters by.
  public var inputPin: String
  /// The output pin it leaves by.
  public var outputPin: String
  /// The net the output drives.
  public var net: Int
  /// The output's edge (NLDM timing; nil for logical effort, which has one delay).
  public var edge: SignalEdge?
  /// The cell's delay on this path, seconds.
  public var delay: Double
  /// The arrival at the output, seconds.
  public var arrival: Double
  /// The output slew, seconds (0 for logical effort).
  public var slew: Double
  /// The load the output drives, farads.
  public var load: Double
}
