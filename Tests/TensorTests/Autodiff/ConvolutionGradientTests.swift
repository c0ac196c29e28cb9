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

  @Test func convolutionOverManyChunks() throws {
    // A tiny chunk size forces the chunked path with several chunks.
    let saved = ConvolutionKernels.chunkBytes
    defer { ConvolutionKernels.chunkBytes = saved }
    ConvolutionKernels.chunkBytes = 1
    let x = Tensor(randomNormal: [3, 2, 5, 5], seed: 37)
    let w = Tensor(randomNormal: [3, 2, 3, 3], seed: 38) * 0.3
    try checkGradients([x, w]) { try Variable.conv2d($0[0], weight: $0[1], padding: (1, 1)) }
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
