import Tensor

extension CellLibrary {
  /// The switched capacitance, in unit capacitances, of one operation of the calibration
  /// multiplier (unsigned array multiplier, uniform random operands, glitches counted with
  /// inertial delays).
  public func calibrationCapacitanceUnits() -> Double {
    let bits = calibration.multiplierBits
    guard let multiplier = try? Generators.multiplier(
      activationBits: bits, weightBits: bits, activationSigned: false, weightSigned: false, architecture: .array)
    else { preconditionFailure("calibration multiplier width \(bits) is not supported") }
    let netlist = multiplier.mapped(to: self)
    var random = SplitMix64(seed: calibration.seed)
    let count = calibration.operations + 1
    let range = UInt64(1) << UInt64(bits)
    let x = (0..<count).map { _ in Int(random.next() % range) }
    let w = (0..<count).map { _ in Int(random.next() % range) }
    guard let report = try? netlist.switching(["x": x, "w": w], counting: .inertial) else {
      preconditionFailure("calibration operands do not fit the calibration multiplier")
    }
    return report.capacitancePerTransition / unitCapacitance
  }

  /// This library with `unitCapacitance` set so that the calibration multiplier takes the
  /// calibration energy per operation at the nominal supply.
  public func calibrated() -> CellLibrary {
    var result = self
    let units = calibrationCapacitanceUnits()
    result.unitCapacitance = calibration.energyPerMultiplication / (0.5 * nominalVoltage * nominalVoltage * units)
    return result
  }
}
