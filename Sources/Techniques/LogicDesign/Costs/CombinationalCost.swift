import Hardware

/// Area, delay and energy of one combinational circuit under a real operand stream.
public struct CombinationalCost: Sendable {
  /// The mapped netlist.
  public var netlist: MappedNetlist
  /// Transistors of the mapped netlist.
  public var transistors: Int
  /// Cell area, in the library's area unit.
  public var area: Double
  /// Static critical-path delay, in seconds.
  public var criticalDelay: Double
  /// Dynamic energy per operation with glitches (event-driven, inertial delays), in joules.
  public var energyPerOperation: Double
  /// Dynamic energy per operation counting only final value changes (no glitches), in joules.
  public var glitchFreeEnergyPerOperation: Double
  /// Leakage power, in watts.
  public var leakagePower: Double
  /// The static timing report.
  public var timing: TimingReport
  /// Final-value toggles of every net over the stream (what a register on the net would store).
  public var settledToggles: [Int]
  /// Operations simulated (transitions between consecutive operand vectors).
  public var transitions: Int

  /// Maps `circuit` onto `library` and simulates `operands` (one list per input port,
  /// consecutive vectors one operation apart).
  public static func measure(_ circuit: AIG, operands: [String: [Int]], library: CellLibrary) throws -> CombinationalCost {
    let netlist = try circuit.technologyMapped(to: library)
    let names = Set(netlist.inputPorts.map(\.name))
    let used = operands.filter { names.contains($0.key) }
    let timing = netlist.staticTiming()
    let glitches = try netlist.switching(used, counting: .inertial)
    let settled = try netlist.switching(used, counting: .zeroDelay)
    return CombinationalCost(
      netlist: netlist, transistors: netlist.transistorCount, area: netlist.area, criticalDelay: timing.criticalDelay,
      energyPerOperation: glitches.energyPerTransition(), glitchFreeEnergyPerOperation: settled.energyPerTransition(),
      leakagePower: netlist.leakagePower(), timing: timing, settledToggles: settled.toggles,
      transitions: glitches.transitions)
  }
}
