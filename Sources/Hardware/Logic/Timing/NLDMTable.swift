/// A non-linear delay model (NLDM) table: a delay, slew or energy tabulated against the
/// input slew and the output load, read by bilinear interpolation.
///
/// Outside the tabulated range the value is extrapolated linearly from the two nearest
/// points of each axis, as static timing tools do (Synopsys Liberty User Guide, "Table
/// lookup"; OpenSTA and ABC both extrapolate). An axis with one point is constant along it.
public struct NLDMTable: Hashable, Sendable {
  /// Input slews, in seconds, ascending (one point when the table ignores the slew).
  public var slews: [Double]
  /// Output loads, in farads, ascending (one point when the table ignores the load).
  public var loads: [Double]
  /// The values, row-major: `values[i * loads.count + j]` is at `slews[i]`, `loads[j]`,
  /// in SI units (seconds for delays and slews, joules for energies).
  public var values: [Double]

  /// Creates a table; `values` must hold `slews.count * loads.count` entries.
  public init(slews: [Double], loads: [Double], values: [Double]) {
    precondition(!slews.isEmpty && !loads.isEmpty && values.count == slews.count * loads.count,
                 "an NLDM table needs one value per slew and load")
    self.slews = slews
    self.loads = loads
    self.values = values
  }

  /// The segment of `axis` that `x` falls in (the first or last one outside it) and the
  /// position within it (below 0 or above 1 when extrapolating).
  @inlinable static func locate(_ x: Double, in axis: [Double]) -> (Int, Double) {
    let n = axis.count
    if n == 1 { return (0, 0) }
    var i = 0
    while i < n - 2 && x >= axis[i + 1] { i += 1 }
    let span = axis[i + 1] - axis[i]
    return (i, span == 0 ? 0 : (x - axis[i]) / span)
  }

  /// The value at input slew `slew` (seconds) and output load `load` (farads).
  @inlinable public func value(slew: Double, load: Double) -> Double {
    let (i, s) = Self.locate(slew, in: slews)
    let (j, l) = Self.locate(load, in: loads)
    let m = loads.count
    let i1 = slews.count == 1 ? i : i + 1
    let j1 = loads.count == 1 ? j : j + 1
    let v00 = values[i * m + j], v01 = values[i * m + j1]
    let v10 = values[i1 * m + j], v11 = values[i1 * m + j1]
    return (1 - s) * ((1 - l) * v00 + l * v01) + s * ((1 - l) * v10 + l * v11)
  }
}
