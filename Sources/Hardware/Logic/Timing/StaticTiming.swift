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

extension MappedNetlist {
  /// The delay of the cell output driving `net`, in tau: `p + C_load` (logical effort with
  /// unit-drive cells), or for an NLDM library the mean of its arcs' rise and fall delays
  /// at the static slews and the net's load; 0 for inputs and constants.
  public func cellDelay(of net: Int) -> Double {
    guard case .cell(let instance, let pin) = drivers[net] else { return 0 }
    if let nldm { return nldm.meanDelay[net] / library.tau }
    return library.cells[instances[instance].cell].parasiticDelay[pin] + loads[net]
  }

  /// Static timing: arrival times propagated through the cells in topological order,
  /// ignoring logic (every path counts, sensitisable or not). NLDM libraries are timed
  /// with their tables, rise and fall apart (see `NLDMAnalysis`).
  public func staticTiming() -> TimingReport {
    if let nldm { return nldmTiming(nldm) }
    var arrival = [Double](repeating: 0, count: netCount)
    var from = [Int](repeating: -1, count: netCount)
    for instance in instances {
      var latest = 0.0
      var source = -1
      for net in instance.inputs where arrival[net] >= latest {
        latest = arrival[net]
        source = net
      }
      for net in instance.outputs {
        arrival[net] = latest + cellDelay(of: net) * library.tau
        from[net] = source
      }
    }
    let outputArrivals = outputNets.map { arrival[$0] }
    var path: [Int] = []
    if let worst = outputNets.indices.max(by: { outputArrivals[$0] < outputArrivals[$1] }) {
      var net = outputNets[worst]
      while net >= 0 {
        path.append(net)
        net = from[net]
      }
    }
    path.reverse()
    var report = TimingReport(
      criticalDelay: outputArrivals.max() ?? 0, criticalPath: path, arrivals: arrival,
      outputArrivals: outputArrivals)
    for (previous, net) in zip(path, path.dropFirst()) {
      guard case .cell(let index, let pin) = drivers[net] else { continue }
      let instance = instances[index]
      let cell = library.cells[instance.cell]
      let input = instance.inputs.firstIndex(of: previous) ?? 0
      report.steps.append(TimingStep(
        instance: index, cell: cell.name, inputPin: cell.inputPins[input], outputPin: cell.outputPins[pin], net: net,
        edge: nil, delay: cellDelay(of: net) * library.tau, arrival: arrival[net], slew: 0,
        load: loads[net] * library.unitCapacitance))
    }
    return report
  }

  func nldmTiming(_ nldm: NLDMAnalysis) -> TimingReport {
    let arrival = (0..<netCount).map { max(0, nldm.rise[$0], nldm.fall[$0]) }
    let outputArrivals = outputNets.map { arrival[$0] }
    var path: [Int] = []
    var steps: [TimingStep] = []
    if let worst = outputNets.indices.max(by: { outputArrivals[$0] < outputArrivals[$1] }) {
      var net = outputNets[worst]
      var isRise = nldm.rise[net] >= nldm.fall[net]
      while true {
        path.append(net)
        guard case .cell(let index, let pin) = drivers[net] else { break }
        let key = 2 * net + (isRise ? 1 : 0)
        let input = Int(nldm.fromPin[key])
        guard input >= 0 else { break }
        let instance = instances[index]
        let cell = library.cells[instance.cell]
        let source = instance.inputs[input]
        let sourceRise = nldm.fromEdge[key] == 1
        let t = isRise ? nldm.rise[net] : nldm.fall[net]
        let t0 = sourceRise ? nldm.rise[source] : nldm.fall[source]
        steps.append(TimingStep(
          instance: index, cell: cell.name, inputPin: cell.inputPins[input], outputPin: cell.outputPins[pin], net: net,
          edge: isRise ? .rise : .fall, delay: t - t0, arrival: t, slew: isRise ? nldm.riseSlew[net] : nldm.fallSlew[net],
          load: loads[net] * library.unitCapacitance))
        net = source
        isRise = sourceRise
      }
    }
    var report = TimingReport(
      criticalDelay: outputArrivals.max() ?? 0, criticalPath: path.reversed(), arrivals: arrival,
      outputArrivals: outputArrivals)
    report.steps = steps.reversed()
    return report
  }
}
