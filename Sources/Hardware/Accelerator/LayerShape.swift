/// A layer as the matrix product a systolic array computes: `M x K` activations times
/// `K x N` weights.
public struct GEMMShape: Hashable, Sendable {
  /// Activation vectors streamed through the array (batch x output positions).
  public var m: Int
  /// The reduction length (inputs per output).
  public var k: Int
  /// Output channels (weight columns).
  public var n: Int

  /// Creates a shape; every extent must be positive.
  public init(m: Int, k: Int, n: Int) throws {
    guard m > 0, k > 0, n > 0 else {
      throw LogicError(.invalidParameter, "matrix extents must be positive, got m \(m), k \(k), n \(n)")
    }
    self.m = m
    self.k = k
    self.n = n
  }

  /// Multiply-accumulate operations: `m * k * n`.
  public var macs: Int { m * k * n }
}

/// A convolution or fully connected layer, lowered to a matrix product by im2col.
public enum LayerShape: Hashable, Sendable {
  /// A fully connected layer: `batch` vectors of `inputs` values to `outputs` values.
  case linear(inputs: Int, outputs: Int, batch: Int)
  /// A 2-D convolution over NCHW inputs with square stride and zero padding.
  case convolution(
    inChannels: Int, outChannels: Int, kernelHeight: Int, kernelWidth: Int, inputHeight: Int, inputWidth: Int,
    stride: Int, padding: Int, batch: Int)

  /// The output height and width of a convolution (1 x 1 for a linear layer).
  public var outputSize: (height: Int, width: Int) {
    switch self {
    case .linear:
      return (1, 1)
    case .convolution(_, _, let kh, let kw, let h, let w, let stride, let padding, _):
      guard stride > 0 else { return (0, 0) }
      return ((h + 2 * padding - kh) / stride + 1, (w + 2 * padding - kw) / stride + 1)
    }
  }

  /// The matrix product: linear `M = batch, K = inputs, N = outputs`; convolution
  /// `M = batch * outH * outW, K = inChannels * kh * kw, N = outChannels`.
  public func gemm() throws -> GEMMShape {
    switch self {
    case .linear(let inputs, let outputs, let batch):
      return try GEMMShape(m: batch, k: inputs, n: outputs)
    case .convolution(let cin, let cout, let kh, let kw, let h, let w, let stride, let padding, let batch):
      guard stride > 0, padding >= 0, kh > 0, kw > 0, h + 2 * padding >= kh, w + 2 * padding >= kw else {
        throw LogicError(.invalidParameter, "convolution \(kh)x\(kw) stride \(stride) padding \(padding) does not fit a \(h)x\(w) input")
      }
      let out = outputSize
      return try GEMMShape(m: batch * out.height * out.width, k: cin * kh * kw, n: cout)
    }
  }
}
