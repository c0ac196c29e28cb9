import Testing

@testable import Tensor

@Suite("Direct convolution of small patches")
struct DirectConvolutionTests {
  // Output widths 40, 9, 31, 6, 28, 4, 5, 10 and 11: a last vector of every length from 1 to 8 lanes.
  @Test(arguments: [
    (1, 5, 2, 40), (3, 3, 1, 9), (1, 3, 0, 33), (2, 1, 0, 6), (1, 3, 1, 28), (1, 3, 0, 6), (1, 3, 0, 7), (1, 3, 0, 12),
    (1, 3, 0, 13),
  ])
  func matchesDirectLoops(_ config: (Int, Int, Int, Int)) throws {
    let (c, k, padding, width) = config
    let x = Tensor(randomNormal: [6, c, 7, width], seed: 1)
    let w = Tensor(randomNormal: [4, c, k, k], seed: 2)
    let b = Tensor(randomNormal: [4], seed: 3)
    let g = try Tensor.convolutionGeometry(
      input: x.shape, weight: w.shape, bias: b.shape, stride: (1, 1), padding: (padding, padding))
    #expect(DirectConvolution.applies(to: g))
    let y = try Tensor.conv2d(x, weight: w, bias: b, padding: (padding, padding))
    #expect(maxDifference(y, naiveConv2d(x, w, b, stride: 1, padding: padding)) < 1e-4)
    let dy = Tensor(randomNormal: y.shape, seed: 4)
    let grads = Tensor.conv2dBackward(
      x, weight: w, geometry: g, outputGradient: dy, input: true, weight: true, bias: true)
    let (dx, dw) = naiveConv2dBackward(x, w, dy, stride: 1, padding: padding)
    #expect(maxDifference(try #require(grads.weight), dw) < 1e-3)
    #expect(maxDifference(try #require(grads.input), dx) < 1e-4)
    let onlyWeight = Tensor.conv2dBackward(
      x, weight: w, geometry: g, outputGradient: dy, input: false, weight: true, bias: false)
    #expect(onlyWeight.input == nil && onlyWeight.bias == nil)
    #expect(maxDifference(try #require(onlyWeight.weight), dw) < 1e-3)
    // The direct filter gradient (off by default) agrees too.
    let direct = Tensor(shape: w.shape) { out, _ in
      x.withPointer { px in
        dy.withPointer { pdy in DirectConvolution.filterGradient(x: px, batch: 6, g, outChannels: 4, dy: pdy, dw: out) }
      }
    }
    #expect(maxDifference(direct, dw) < 1e-3)
  }
}
