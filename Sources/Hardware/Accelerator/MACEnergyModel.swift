/// Dynamic energy of one MAC unit for a sequence of operations with its weight held.
public protocol MACEnergyModel {
  /// Dynamic energy at the nominal supply, in joules, of the `activations.count - 1`
  /// transitions of a MAC holding `weight` that sees `activations` and `partialSums`
  /// (one value each per operation).
  func dynamicEnergy(weight: Int, activations: [Int], partialSums: [Int]) throws -> Double
  /// Leakage power of one MAC at the nominal supply, in watts.
  var leakagePower: Double { get }
}

extension MACPowerTable: MACEnergyModel {
  /// The weight's characterized average energy per operation times the transitions (the
  /// actual streams only set how many operations there are).
  public func dynamicEnergy(weight: Int, activations: [Int], partialSums: [Int]) throws -> Double {
    guard let entry = entry(weight: weight) else {
      throw LogicError(.valueOutOfRange, "weight \(weight) was not characterized")
    }
    return entry.energyPerOperation * Double(max(0, activations.count - 1))
  }
}

/// A MAC whose energy comes from simulating the actual operand streams through its netlist.
public struct SimulatedMAC: MACEnergyModel, Sendable {
  /// The mapped MAC with ports `x`, `w` and `acc`.
  public var netlist: MappedNetlist
  /// How toggles are counted.
  public var counting: ToggleCounting

  /// Wraps a mapped MAC netlist.
  public init(netlist: MappedNetlist, counting: ToggleCounting = .inertial) {
    self.netlist = netlist
    self.counting = counting
  }

  /// Maps the generic MAC of `configuration` onto `library`.
  public init(_ configuration: MACConfiguration = MACConfiguration(), counting: ToggleCounting = .inertial,
              library: CellLibrary = .cmos45nm) throws {
    self.init(netlist: try Generators.mac(configuration).technologyMapped(to: library), counting: counting)
  }

  /// Energy from simulating the streams (the weight held on `w`).
  public func dynamicEnergy(weight: Int, activations: [Int], partialSums: [Int]) throws -> Double {
    guard activations.count >= 2 else { return 0 }
    let report = try netlist.switching(
      ["x": activations, "w": Array(repeating: weight, count: activations.count), "acc": partialSums],
      counting: counting)
    return report.energyPerTransition() * Double(report.transitions)
  }

  /// The netlist's leakage at the nominal supply.
  public var leakagePower: Double { netlist.leakagePower() }
}
