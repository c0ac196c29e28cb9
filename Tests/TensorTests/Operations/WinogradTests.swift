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

  @Test func finiteDifferenceGradients() throws {
    let x = Tensor(randomNormal: [2, 8, 5, 4], seed: 8)
    let w = Tensor(randomNormal: [8, 8, 3, 3], seed: 9) * 0.3
    // The convolution is linear in each operand, so a central difference is exact at any step but
    // for the Float32 rounding of the objective: a larger step than the default keeps that noise
    // (about 2e-4 of a gradient of 0.014 at the default step) well under the tolerance.
    try checkGradients([x, w], epsilon: 0.1) { try Variable.conv2d($0[0], weight: $0[1], padding: (1, 1)) }
  }
}
