import Testing

@testable import Tensor

@Suite("Winograd convolution")
struct WinogradTests {
  /// (padding, height, width, channels); up to `EngineTuning.shallowProductDepth` channels the
  /// per-position products are the engine's own, beyond that BLAS's.
  @Test(arguments: [
    (1, 7, 7, 8), (1, 6, 5, 8), (0, 9, 8, 8), (2, 4, 3, 8), (1, 1, 1, 8), (1, 28, 28, 8), (1, 6, 7, 32), (1, 6, 7, 33),
    (1, 6, 7, 40),
  ])
  func forwardAndGradientsMatchDirectLoops(_ config: (Int, Int, Int, Int)) throws {
    let (padding, h, w, c) = config
    let x = Tensor(randomNormal: [5, c, h, w], seed: 1)
    let weight = Tensor(randomNormal: [9, c, 3, 3], seed: 2) * 0.3
    let bias = Tensor(randomNormal: [9], seed: 3)
    let g = try Tensor.convolutionGeometry(
      input: x.shape, weight: weight.shape, bias: bias.shape, stride: (1, 1), padding: (padding, padding))
    #expect(WinogradKernels.applies(to: g, outChannels: 9))
    let y = try Tensor.conv2d(x, weight: weight, bias: bias, padding: (padding, padding))
    #expect(maxDifference(y, naiveConv2d(x, weight, bias, stride: 1, padding: padding)) < 1e-4)
    let dy = Tensor(randomNormal: y.shape, seed: 4)
    let grads = Tensor.conv2dBackward(
      x, weight: weight, geometry: g, outputGradient: dy, input: true, weight: true, bias: true)
    let (dx, dw) = naiveConv2dBackward(x, weight, dy, stride: 1, padding: padding)
    #expect(maxDifference(try #require(grads.input), dx) < 1e-4)
    #expect(maxDifference(try #require(grads.weight), dw) < 1e-3)
    #expect(maxDifference(try #require(grads.bias), dy.sum(alongAxis: 3).sum(alongAxis: 2).sum(alongAxis: 0)) < 1e-3)
  }

  @Test func manyChunksOverWorkers() throws {
    let x = Tensor(randomNormal: [40, 8, 14, 14], seed: 5)
    let weight = Tensor(randomNormal: [8, 8, 3, 3], seed: 6) * 0.3
    let l = WinogradKernels.Layout(height: 14, width: 14, pad: 1)
    #expect(WinogradKernels.chunking(channels: 8, outChannels: 8, l, batch: 40).count > 1)
    let y = try Tensor.conv2d(x, weight: weight, padding: (1, 1))
    #expect(maxDifference(y, naiveConv2d(x, weight, nil, stride: 1, padding: 1)) < 1e-4)
    let g = try Tensor.convolutionGeometry(
      input: x.shape, weight: weight.shape, bias: nil, stride: (1, 1), padding: (1, 1))
    let dy = Tensor(randomNormal: y.shape, seed: 7)
    let grads = Tensor.conv2dBackward(
      x, weight: weight, geometry: g, outputGradient: dy, input: true, weight: true, bias: false)
    let (dx, dw) = naiveConv2dBackward(x, weight, dy, stride: 1, padding: 1)
    #expect(maxDifference(try #require(grads.input), dx) < 1e-4)
    #expect(maxDifference(try #require(grads.weight), dw) < 1e-2)
  }

  /// The filter transforms, eight filters side by side and rows split over the workers, against
  /// one filter at a time in the same order of operations: equal bit for bit, for shapes with a
  /// tail of fewer than eight filters and shapes large enough to be split.
  @Test(arguments: [(9, 33), (64, 40), (40, 64), (8, 8)])
  func filterTransformsMatchOneFilterAtATime(_ shape: (Int, Int)) {
    let (o, c) = shape
    let w = Tensor(randomNormal: [o, c, 3, 3], seed: 10).scalars
    func g3(_ a: Float, _ b: Float, _ c: Float) -> [Float] { [a, 0.5 * (a + b + c), 0.5 * (a - b + c), c] }
    for rotated in [false, true] {
      let (rows, cols) = rotated ? (c, o) : (o, c)
      let u = w.withUnsafeBufferPointer {
        WinogradKernels.transformFilters($0.baseAddress!, outChannels: o, inChannels: c, rotated: rotated)
      }
      var mismatches = 0
      for r in 0..<rows {
        for s in 0..<cols {
          let base = rotated ? (s * c + r) * 9 : (r * c + s) * 9
          func g(_ i: Int) -> Float { w[base + (rotated ? 8 - i : i)] }
          let columns = [g3(g(0), g(3), g(6)), g3(g(1), g(4), g(7)), g3(g(2), g(5), g(8))]
          for a in 0..<4 {
            let row = g3(columns[0][a], columns[1][a], columns[2][a])
            for k in 0..<4 where u[((a * 4 + k) * rows + r) * cols + s] != row[k] { mismatches += 1 }
          }
        }
      }
      #expect(mismatches == 0, "\(o)x\(c) rotated \(rotated)")
    }
    // The inverse (3x3 from 4x4 sums), likewise.
    let sums = Tensor(randomNormal: [16, o, c], seed: 11).scalars
    var dw = [Float](repeating: .nan, count: o * c * 9)
    sums.withUnsafeBufferPointer { s in
      dw.withUnsafeMutableBufferPointer {
        WinogradKernels.inverseFilterTransform(s.baseAddress!, outChannels: o, inChannels: c, into: $0.baseAddress!)
      }
    }
    func gt(_ a: Float, _ b: Float, _ c: Float, _ d: Float) -> [Float] { [a + 0.5 * (b + c), 0.5 * (b - c), 0.5 * (b + c) + d] }
    var mismatches = 0
    for r in 0..<o {
      for q in 0..<c {
        func m(_ xi: Int) -> Float { sums[xi * o * c + r * c + q] }
        let k = (0..<4).map { gt(m($0), m(4 + $0), m(8 + $0), m(12 + $0)) }
        for i in 0..<3 {
          let row = gt(k[0][i], k[1][i], k[2][i], k[3][i])
          for j in 0..<3 where dw[(r * c + q) * 9 + i * 3 + j] != row[j] { mismatches += 1 }
        }
      }
    }
    #expect(mismatches == 0, "inverse \(o)x\(c)")
  }

  /// Two settings move data without changing arithmetic: planes up to 8 wide may take their
  /// transforms' eight lanes from consecutive tile rows (`EngineTuning.winogradFlatColumns`), and
  /// outputs of whole tiles may be written and read where they lie (`winogradInPlace`). Forward,
  /// input gradient and filter gradient must be the same bit for bit under every combination,
  /// for tile rows of 1, 2, 4, 8 and 16 tiles, an odd number of tile rows, groups that span
  /// images, a last group that is not full, and outputs that are and are not whole tiles.
  /// (Only this test changes the two settings; its cases run one at a time.)
  @Test(.serialized, arguments: [
    (1, 8, 8), (1, 7, 7), (1, 5, 8), (2, 3, 5), (1, 4, 4), (1, 3, 3), (0, 5, 6), (1, 2, 2), (1, 1, 1), (0, 4, 3),
    (1, 16, 16), (0, 18, 18), (1, 32, 32), (1, 14, 14),
  ])
  func dataMovementSettingsLeaveResultsBitForBit(_ config: (Int, Int, Int)) throws {
    let (padding, h, w) = config
    let x = Tensor(randomNormal: [37, 8, h, w], seed: 11)
    let weight = Tensor(randomNormal: [12, 8, 3, 3], seed: 12) * 0.3
    let bias = Tensor(randomNormal: [12], seed: 13)
    let g = try Tensor.convolutionGeometry(
      input: x.shape, weight: weight.shape, bias: bias.shape, stride: (1, 1), padding: (padding, padding))
    let dy = Tensor(randomNormal: [37, 12, g.outputHeight, g.outputWidth], seed: 14)
    let saved = (EngineTuning.winogradFlatColumns, EngineTuning.winogradInPlace)
    defer { (EngineTuning.winogradFlatColumns, EngineTuning.winogradInPlace) = saved }
    func run(flat: Int, inPlace: Bool) -> [[Float]] {
      (EngineTuning.winogradFlatColumns, EngineTuning.winogradInPlace) = (flat, inPlace)
      let y = Tensor.conv2d(x, weight: weight, bias: bias, geometry: g)
      let grads = Tensor.conv2dBackward(
        x, weight: weight, geometry: g, outputGradient: dy, input: true, weight: true, bias: false)
      return [y.scalars, grads.input?.scalars ?? [], grads.weight?.scalars ?? []]
    }
    let reference = run(flat: 0, inPlace: false)
    let layout = WinogradKernels.Layout(height: h, width: w, pad: padding)
    #expect(!layout.flat && !layout.inPlace)
    for (flat, inPlace) in [(4, false), (2, true), (4, true), (0, true)] {
      let other = run(flat: flat, inPlace: inPlace)
      for (name, (a, b)) in zip(["forward", "input gradient", "filter gradient"], zip(other, reference)) {
        #expect(a.count == b.count && a.count > 0, "\(name)")
        #expect(
          zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count == 0,
          "\(name), flat \(flat), in place \(inPlace): differs from the plain path")
      }
    }
    // The shapes exercise both paths.
    (EngineTuning.winogradFlatColumns, EngineTuning.winogradInPlace) = (4, true)
    let moved = WinogradKernels.Layout(height: h, width: w, pad: padding)
    #expect(moved.flat == (moved.tileColumns <= 4 && 8 % moved.tileColumns == 0))
    #expect(moved.inPlace == (moved.outputWidth == moved.blockWidth && moved.outputHeight == moved.blockHeight))
  }

  @Test func finiteDifferenceGradients() throws {
    let x = Tensor(randomNormal: [2, 8, 5, 4], seed: 8)
    let w = Tensor(randomNormal: [8, 8, 3, 3], seed: 9) * 0.3
    // The convolution is linear in each operand, so a central difference is exact at any step but
    // for the Float32 rounding of the objective: a larger step than the default keeps that noise
    // (about 2e-4 of a gradient of 0.014 at the default step) well under the tolerance.
    try checkGradients([x, w], epsilon: 0.1) { try Variable.conv2d($0[0], weight: $0[1], padding: (1, 1)) }
  }
}
