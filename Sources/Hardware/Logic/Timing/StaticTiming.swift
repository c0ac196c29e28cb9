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
}

extension MappedNetlist {
  /// The delay of the cell output driving `net`, in tau: `p + C_load` (logical effort with
  /// unit-drive cells); 0 for inputs and constants.
  public func cellDelay(of net: Int) -> Double {
    guard case .cell(let instance, let pin) = drivers[net] else { return 0 }
    return library.cell(instances[instance].kind).parasiticDelay[pin] + loads[net]
  }

  /// Static timing: arrival times propagated through the cells in topological order,
  /// ignoring logic (every path counts, sensitisable or not).
  public func staticTiming() -> TimingReport {
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
    return TimingReport(
      criticalDelay: outputArrivals.max() ?? 0, criticalPath: path.reversed(), arrivals: arrival,
      outputArrivals: outputArrivals)
  }
}
