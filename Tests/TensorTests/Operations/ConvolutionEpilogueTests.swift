import Testing

@testable import Tensor

/// A convolution that applies a batch norm's affine map (and ReLU) to each output plane as it
/// writes it must give what the convolution followed by the separate pass gives, bit for bit.
@Suite("Convolution with a per-channel epilogue")
struct ConvolutionEpilogueTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var input: [Int]
    var outChannels: Int
    var kernel: Int
    var stride: Int
    var padding: Int
    var path: String
    var testDescription: String { "\(path): \(input) -> \(outChannels), \(kernel)x\(kernel) stride \(stride) pad \(padding)" }
  }

  /// Every kernel path: Winograd (one chunk, and several chunks over both workers), direct (first
  /// layers, one image per worker), im2col + GEMM (stride 2, and a 5x5 window), pointwise.
  static let cases: [Case] = [
    Case(input: [2, 8, 9, 9], outChannels: 12, kernel: 3, stride: 1, padding: 1, path: "winograd"),
    Case(input: [40, 8, 32, 32], outChannels: 8, kernel: 3, stride: 1, padding: 1, path: "winograd, chunked"),
    Case(input: [3, 9, 7, 7], outChannels: 9, kernel: 3, stride: 1, padding: 1, path: "winograd, planes not in fours"),
    Case(input: [5, 1, 12, 12], outChannels: 5, kernel: 3, stride: 1, padding: 1, path: "direct"),
    Case(input: [3, 4, 9, 9], outChannels: 6, kernel: 3, stride: 2, padding: 1, path: "im2col"),
    Case(input: [2, 3, 11, 11], outChannels: 4, kernel: 5, stride: 1, padding: 0, path: "im2col (patch 75)"),
    Case(input: [2, 6, 5, 5], outChannels: 4, kernel: 1, stride: 1, padding: 0, path: "pointwise"),
  ]

  @Test(arguments: cases)
  func equalsTheConvolutionThenTheSeparatePassBitForBit(_ c: Case) throws {
    let x = Tensor(randomNormal: c.input, seed: 21)
    let w = Tensor(randomNormal: [c.outChannels, c.input[1], c.kernel, c.kernel], seed: 22) * 0.3
    let b = Tensor(randomNormal: [c.outChannels], seed: 23)
    let scale = (0..<c.outChannels).map { Float($0) * 0.37 - 0.9 }
    let shift = (0..<c.outChannels).map { Float($0) * -0.21 + 0.4 }
    for bias in [nil, b] {
      let plain = try Tensor.conv2d(x, weight: w, bias: bias, stride: (c.stride, c.stride), padding: (c.padding, c.padding))
      for relu in [false, true] {
        let expected = plain.channelAffine(scale: scale, shift: shift, relu: relu)
        for planeMeans in [false, true] {
          let (output, means) = try Tensor.conv2d(
            x, weight: w, bias: bias, stride: (c.stride, c.stride), padding: (c.padding, c.padding),
            then: ChannelAffine(scale: scale, shift: shift, relu: relu), planeMeans: planeMeans)
          let label = "bias \(bias != nil), relu \(relu), means \(planeMeans)"
          #expect(output.shape == expected.shape, "\(label)")
          #expect(output.scalars == expected.scalars, "\(label): the output is the convolution's, then the pass's")
          if planeMeans {
            let pooled = try Tensor.adaptiveAvgPool2d(expected, outputSize: (1, 1))
            #expect(means?.scalars == pooled.scalars, "\(label): the means are the pooling's, bit for bit")
          } else {
            #expect(means == nil)
          }
        }
      }
    }
  }

  @Test func batchNormStatisticsGiveBatchNormsMap() {
    let gamma = Tensor(shape: [2], scalars: [1.5, -0.5])
    let beta = Tensor(shape: [2], scalars: [0.25, -1])
    let affine = ChannelAffine(
      gamma: gamma, beta: beta, mean: Tensor(shape: [2], scalars: [2, -4]), variance: Tensor(shape: [2], scalars: [3, 0]),
      epsilon: 1, relu: true)
    // scale = gamma / sqrt(variance + epsilon) = 1.5 / 2, -0.5 / 1; shift = beta - mean * scale.
    #expect(affine.scale == [0.75, -0.5])
    #expect(affine.shift == [0.25 - 1.5, -1 - 2])
    #expect(affine.relu)
  }

  @Test func aMapOfTheWrongWidthIsAnError() {
    let x = Tensor(randomNormal: [1, 2, 6, 6], seed: 1)
    let w = Tensor(randomNormal: [3, 2, 3, 3], seed: 2)
    #expect(throws: TensorError.self) {
      try Tensor.conv2d(x, weight: w, padding: (1, 1), then: ChannelAffine(scale: [1, 1], shift: [0, 0], relu: false))
    }
  }
}
