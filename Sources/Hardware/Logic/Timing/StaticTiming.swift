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
