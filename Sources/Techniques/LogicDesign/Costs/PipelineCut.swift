import Hardware

/// A combinational netlist cut into pipeline stages by arrival time: the simpler balancing
/// used here in place of Leiserson-Saxe retiming.
///
/// With `stages` stages and critical delay D, a cell belongs to stage s when its output
/// arrives (statically) within `[s D / stages, (s + 1) D / stages)`; every net read in a later
/// stage than it is made passes through one register per boundary it crosses (outputs are
/// carried to the last stage). The stage delays are then timed again with each stage's
/// registered nets arriving at 0, so the clock is what the cut really achieves.
public struct PipelineCut: Sendable {
  /// Stages.
  public var stages: Int
  /// The longest register-to-register (or input-to-register) delay, in seconds, without register overhead.
  public var stageDelay: Double
  /// Register bits inside the circuit (its inputs and outputs not counted).
  public var registers: Int
  /// Changes of the stored values of those registers over the operand stream.
  public var registerToggles: Int

  /// Cuts `cost`'s netlist into `stages` stages.
  public static func cut(_ cost: CombinationalCost, stages: Int) throws -> PipelineCut {
    guard stages >= 1 else { throw LogicDesignError("a pipeline needs at least one stage, got \(stages)") }
    let netlist = cost.netlist
    let arrivals = cost.timing.arrivals
    let total = cost.criticalDelay
    let slot = total / Double(stages)
    var stage = [Int](repeating: 0, count: netlist.netCount)
    var effective = [Double](repeating: 0, count: netlist.netCount)
    var lastUse = [Int](repeating: -1, count: netlist.netCount)
    let tau = netlist.library.tau
    for instance in netlist.instances {
      let outputStage = instance.outputs.map { slot > 0 ? min(stages - 1, Int(arrivals[$0] / slot)) : 0 }.max() ?? 0
      var latest = 0.0
      for net in instance.inputs {
        lastUse[net] = max(lastUse[net], outputStage)
        if stage[net] == outputStage { latest = max(latest, effective[net]) }
      }
      for net in instance.outputs {
        stage[net] = outputStage
        effective[net] = latest + netlist.cellDelay(of: net) * tau
      }
    }
    for net in netlist.outputNets { lastUse[net] = stages - 1 }
    var registers = 0, toggles = 0
    for net in 0..<netlist.netCount where lastUse[net] > stage[net] {
      if case .constant = netlist.drivers[net] { continue }
      let crossings = lastUse[net] - stage[net]
      registers += crossings
      toggles += crossings * (net < cost.settledToggles.count ? cost.settledToggles[net] : 0)
    }
    return PipelineCut(stages: stages, stageDelay: effective.max() ?? 0, registers: registers, registerToggles: toggles)
  }

  /// The fewest stages (up to `maximumStages`) whose stage delay plus `overhead` meets `period`;
  /// the deepest cut tried when none does.
  public static func balanced(
    _ cost: CombinationalCost, period: Double, overhead: Double, maximumStages: Int = 32
  ) throws -> (cut: PipelineCut, met: Bool) {
    var best = try cut(cost, stages: 1)
    if best.stageDelay + overhead <= period { return (best, true) }
    for stages in 2...max(2, maximumStages) {
      let next = try cut(cost, stages: stages)
      if next.stageDelay + overhead <= period { return (next, true) }
      if next.stageDelay < best.stageDelay { best = next }
    }
    return (best, false)
  }
}
