import Testing

@testable import NeuralNetwork
@testable import Tensor

/// The straight-through estimator at the clipping edges of fake quantisation.
///
/// With a fixed scale the forward pass clips at `reach = scale * (L + 1/2)`; the estimator is
/// the derivative of `clamp(x, -reach, reach)`: 1 inside, 0 outside. That clamp is checked by
/// central differences at values just inside and just outside each edge (per tensor and per
/// channel), so an estimator that clips at the wrong place, on one side only, or not at all fails.
@Suite("Fake quantisation at its clipping edges")
struct FakeQuantizationEdgeTests {
  /// The tape's gradient of `sum(fakeQuantized(x) * upstream)` at `x`.
  static func estimator(_ x: Tensor, _ quantizer: Quantizer, scales: [Float], upstream: Tensor) throws -> [Float] {
    let tape = Tape()
    let v = tape.variable(x)
    tape.backward(try v.fakeQuantized(quantizer, scales: scales), seed: upstream)
    return try #require(tape.gradient(of: v)).scalars
  }

  /// Central differences of `sum(clamp(x, -reach_c, reach_c) * upstream)`, element by element.
  static func clampDifferences(_ x: Tensor, reach: (Int) -> Float, upstream: Tensor, step: Float = 1e-4) -> [Float] {
    (0..<x.count).map { i in
      let r = reach(i)
      let f = { (v: Float) in Swift.min(Swift.max(v, -r), r) }
      return (f(x.scalars[i] + step) - f(x.scalars[i] - step)) / (2 * step) * upstream.scalars[i]
    }
  }

  @Test func perTensorEdges() throws {
    let q = try Quantizer(bits: 4)
    let scale: Float = 0.05
    let reach = scale * (Float(q.largestMagnitude) + 0.5)
    let offsets: [Float] = [-2e-3, 2e-3]
    let nearEdges: [Float] = [reach, -reach].flatMap { edge in offsets.map { edge + $0 } }
    let values: [Float] = nearEdges + [0.01, -3 * reach, 3 * reach]
    let x = Tensor(shape: [values.count], scalars: values)
    let upstream = Tensor(shape: [values.count], scalars: (1...values.count).map(Float.init))
    let analytic = try Self.estimator(x, q, scales: [scale], upstream: upstream)
    let numeric = Self.clampDifferences(x, reach: { _ in reach }, upstream: upstream)
    #expect(analytic == numeric.map { $0.rounded() }, "reach \(reach): \(values)")
    #expect(analytic == [1, 0, 0, 4, 5, 0, 0], "inside, outside, outside, inside, inside, clipped, clipped")
  }

  @Test func perChannelEdges() throws {
    let q = try Quantizer(bits: 3, granularity: .perChannel(axis: 0))
    let scales: [Float] = [0.1, 0.02]
    let reaches = scales.map { $0 * (Float(q.largestMagnitude) + 0.5) }
    // Channel 0 holds values near channel 1's edges and the reverse: each must clip at its own.
    let row0: [Float] = [reaches[0] - 1e-3, reaches[0] + 1e-3, reaches[1] + 1e-3, -reaches[0] - 1e-3]
    let row1: [Float] = [reaches[1] - 1e-3, reaches[1] + 1e-3, reaches[0] - 1e-3, -reaches[1] + 1e-3]
    let x = Tensor(shape: [2, 4], scalars: row0 + row1)
    let upstream = Tensor(shape: [2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
    let analytic = try Self.estimator(x, q, scales: scales, upstream: upstream)
    let numeric = Self.clampDifferences(x, reach: { reaches[$0 / 4] }, upstream: upstream)
    #expect(analytic == numeric.map { $0.rounded() })
    #expect(analytic == [1, 0, 3, 0, 5, 0, 0, 8])
  }
}
