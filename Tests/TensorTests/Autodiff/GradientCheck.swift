import Testing

@testable import Tensor

/// Compares the tape's gradients with central finite differences.
///
/// The scalar checked is `sum(f(inputs) * r)` for a fixed random `r`, summed
/// in double precision so Float32 rounding does not swamp the differences.
/// The error is measured element by element, relative to that element's own finite
/// difference: `|analytic - numeric| / max(|numeric|, floor)`. `floor` keeps elements whose
/// gradient is about zero from failing on the round-off of the differences (a Float32
/// objective differenced over `2 * epsilon`); an element whose gradient is larger than `floor`
/// must match to `tolerance` of itself, so a zero, sign-flipped or scaled gradient fails even
/// where the tensor's other elements are far larger.
func checkGradients(
  _ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Double = 1e-2, floor: Double = 1e-2, seed: UInt64 = 99,
  sourceLocation: SourceLocation = #_sourceLocation,
  _ f: ([Variable]) throws -> Variable
) throws {
  // Analytic gradients.
  let tape = Tape()
  let vars = inputs.map { tape.variable($0) }
  let out = try f(vars)
  let r = Tensor(randomNormal: out.shape, seed: seed)
  tape.backward(out, seed: r)
  func objective(_ xs: [Tensor]) throws -> Double {
    let y = try f(xs.map { Variable($0) }).value
    var total = 0.0
    for i in 0..<y.count { total += Double(y.scalars[i]) * Double(r.scalars[i]) }
    return total
  }
  for (k, x) in inputs.enumerated() {
    let analytic = tape.gradient(of: vars[k]) ?? Tensor(zeros: x.shape)
    #expect(analytic.shape == x.shape, "gradient shape of input \(k)", sourceLocation: sourceLocation)
    var numeric = [Double](repeating: 0, count: x.count)
    for j in 0..<x.count {
      var plus = inputs
      var minus = inputs
      plus[k].scalars[j] += epsilon
      minus[k].scalars[j] -= epsilon
      // The perturbation actually applied, after Float rounding.
      let step = Double(plus[k].scalars[j]) - Double(minus[k].scalars[j])
      numeric[j] = (try objective(plus) - objective(minus)) / step
    }
    var worst = 0.0
    var worstIndex = 0
    for j in 0..<x.count {
      let e = Swift.abs(Double(analytic.scalars[j]) - numeric[j]) / max(Swift.abs(numeric[j]), floor)
      if e > worst {
        worst = e
        worstIndex = j
      }
    }
    #expect(
      worst <= tolerance,
      "input \(k): relative error \(worst) at \(worstIndex): analytic \(analytic.scalars[worstIndex]) numeric \(numeric[worstIndex])",
      sourceLocation: sourceLocation)
  }
}

/// A tensor of normal samples whose elements keep at least `gap` away from zero (for kinks at 0).
func awayFromZero(_ shape: [Int], seed: UInt64, gap: Float = 0.05) -> Tensor {
  var t = Tensor(randomNormal: shape, seed: seed)
  for i in 0..<t.count where Swift.abs(t.scalars[i]) < gap { t.scalars[i] += t.scalars[i] < 0 ? -gap : gap }
  return t
}
