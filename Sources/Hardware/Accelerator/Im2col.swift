/// Lowering convolutions to matrix products on integer data.
public enum Im2col {
  /// The `M x K` activation matrix of a convolution over an NCHW input (row-major):
  /// row `m` is one output position of one image, column `k` is (channel, kernel row,
  /// kernel column) in that order; padding reads as zero.
  public static func activations(_ input: [Int], layer: LayerShape) throws -> [Int] {
    switch layer {
    case .linear(let inputs, _, let batch):
      guard input.count == inputs * batch else {
        throw LogicError(.operandMismatch, "\(input.count) activations for \(batch) x \(inputs)")
      }
      return input
    case .convolution(let cin, _, let kh, let kw, let h, let w, let stride, let padding, let batch):
      return try convolutionActivations(input, layer: layer, cin: cin, kh: kh, kw: kw, h: h, w: w,
                                        stride: stride, padding: padding, batch: batch)
    }
  }

  static func convolutionActivations(
    _ input: [Int], layer: LayerShape, cin: Int, kh: Int, kw: Int, h: Int, w: Int, stride: Int, padding: Int, batch: Int
  ) throws -> [Int] {
    let shape = try layer.gemm()
    guard input.count == batch * cin * h * w else {
      throw LogicError(.operandMismatch, "\(input.count) activations for an input of \(batch) x \(cin) x \(h) x \(w)")
    }
    let out = layer.outputSize
    var matrix = [Int](repeating: 0, count: shape.m * shape.k)
    var m = 0
    for b in 0..<batch {
      for oy in 0..<out.height {
        for ox in 0..<out.width {
          var k = 0
          for c in 0..<cin {
            for ky in 0..<kh {
              for kx in 0..<kw {
                let y = oy * stride + ky - padding, x = ox * stride + kx - padding
                if y >= 0 && y < h && x >= 0 && x < w {
                  matrix[m * shape.k + k] = input[((b * cin + c) * h + y) * w + x]
                }
                k += 1
              }
            }
          }
          m += 1
        }
      }
    }
    return matrix
  }

  /// The `K x N` weight matrix (row-major) of convolution weights laid out
  /// `[outChannels][inChannels][kh][kw]`, or of linear weights laid out `[outputs][inputs]`.
  public static func weights(_ weights: [Int], layer: LayerShape) throws -> [Int] {
    let shape = try layer.gemm()
    guard weights.count == shape.k * shape.n else {
      throw LogicError(.operandMismatch, "\(weights.count) weights for \(shape.n) outputs of \(shape.k) inputs")
    }
    var matrix = [Int](repeating: 0, count: weights.count)
    for n in 0..<shape.n {
      for k in 0..<shape.k { matrix[k * shape.n + n] = weights[n * shape.k + k] }
    }
    return matrix
  }
}
