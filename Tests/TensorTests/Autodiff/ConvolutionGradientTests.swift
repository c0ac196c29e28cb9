import Testing

@testable import Tensor

@Suite("Gradients of convolution and pooling")
struct ConvolutionGradientTests {
  @Test(arguments: [(1, 0), (1, 1), (2, 1), (2, 0)])
  func conv2d(_ config: (Int, Int)) throws {
    let (stride, padding) = config
    let x = Tensor(randomNormal: [2, 3, 6, 5], seed: 31)
    let w = Tensor(randomNormal: [4, 3, 3, 3], seed: 32) * 0.3
    let b = Tensor(randomNormal: [4], seed: 33)
    try checkGradients([x, w, b]) {
      try Variable.conv2d($0[0], weight: $0[1], bias: $0[2], stride: (stride, stride), padding: (padding, padding))
    }
  }

  @Test func pointwiseAndRectangularConvolution() throws {
    let x = Tensor(randomNormal: [2, 3, 4, 4], seed: 34)
    try checkGradients([x, Tensor(randomNormal: [5, 3, 1, 1], seed: 35)]) { try Variable.conv2d($0[0], weight: $0[1]) }
    try checkGradients([x, Tensor(randomNormal: [2, 3, 3, 1], seed: 36)]) {
      try Variable.conv2d($0[0], weight: $0[1], stride: (1, 2), padding: (1, 0))
    }
  }

  @Test(arguments: [(3, 1, 1), (5, 1, 0), (3, 2, 1), (1, 2, 0)])
  func convolutionOverManyChunksAndWorkers(_ config: (Int, Int, Int)) throws {
    // 36x36 maps give enough columns per image that a batch of 20 splits into
    // several chunks shared by the workers (1x1 kernels: one chunk); compare with direct loops.
    let (k, stride, padding) = config
    let x = Tensor(randomNormal: [20, 2, 36, 36], seed: 37)
    let w = Tensor(randomNormal: [3, 2, k, k], seed: 38) * 0.3
    let g = try Tensor.convolutionGeometry(
      input: x.shape, weight: w.shape, bias: nil, stride: (stride, stride), padding: (padding, padding))
    #expect(ConvolutionKernels.chunking(g, batch: 20).count > (k > 1 ? 1 : 0))
    let y = try Tensor.conv2d(x, weight: w, stride: (stride, stride), padding: (padding, padding))
    #expect(maxDifference(y, naiveConv2d(x, w, nil, stride: stride, padding: padding)) < 1e-4)
    let dy = Tensor(randomNormal: y.shape, seed: 39)
    let grads = Tensor.conv2dBackward(
      x, weight: w, geometry: g, outputGradient: dy, input: true, weight: true, bias: true)
    let (dx, dw) = naiveConv2dBackward(x, w, dy, stride: stride, padding: padding)
    #expect(maxDifference(try #require(grads.input), dx) < 1e-3)
    #expect(maxDifference(try #require(grads.weight), dw) < 1e-2)
    #expect(maxDifference(try #require(grads.bias), dy.sum(alongAxis: 3).sum(alongAxis: 2).sum(alongAxis: 0)) < 1e-2)
  }

  @Test func maxPool() throws {
    let x = Tensor(randomNormal: [2, 2, 6, 6], seed: 39)
    try checkGradients([x], epsilon: 1e-3) { try $0[0].maxPool2d(kernel: (2, 2)) }
    try checkGradients([x], epsilon: 1e-3) { try $0[0].maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)) }
  }

  @Test func averagePools() throws {
    let x = Tensor(randomNormal: [2, 2, 7, 7], seed: 40)
    try checkGradients([x]) { try $0[0].avgPool2d(kernel: (2, 2)) }
    try checkGradients([x]) { try $0[0].avgPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)) }
    try checkGradients([x]) { try $0[0].adaptiveAvgPool2d(outputSize: (1, 1)) }
    try checkGradients([x]) { try $0[0].adaptiveAvgPool2d(outputSize: (3, 2)) }
  }
}
