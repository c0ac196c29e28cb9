/// A per-channel affine map `y = x · scale[c] + shift[c]`, then `max(y, 0)` when `relu`: batch
/// norm with fixed statistics, and the ReLU after it.
///
/// A convolution can apply it to each output plane as it finishes the plane, while the plane is
/// still in cache (`Tensor.conv2d(_:weight:bias:stride:padding:then:planeMeans:)`), instead of a
/// second pass over the whole output.
public struct ChannelAffine: Equatable, Sendable {
  /// The factor of each channel.
  public var scale: [Float]
  /// The term added to each channel after scaling.
  public var shift: [Float]
  /// Whether negative results become zero.
  public var relu: Bool

  public init(scale: [Float], shift: [Float], relu: Bool) {
    self.scale = scale
    self.shift = shift
    self.relu = relu
  }

  /// Batch norm with fixed statistics: `scale = gamma / sqrt(variance + epsilon)`, `shift = beta − mean · scale`.
  public init(gamma: Tensor, beta: Tensor, mean: Tensor, variance: Tensor, epsilon: Float, relu: Bool) {
    let c = gamma.count
    var scale = [Float](repeating: 0, count: c)
    var shift = [Float](repeating: 0, count: c)
    for ch in 0..<c {
      scale[ch] = gamma.scalars[ch] / (variance.scalars[ch] + epsilon).squareRoot()
      shift[ch] = beta.scalars[ch] - mean.scalars[ch] * scale[ch]
    }
    self.init(scale: scale, shift: shift, relu: relu)
  }

  /// The number of channels.
  public var channels: Int { scale.count }
}

/// The per-plane kernel behind `ChannelAffine`: every caller (the batch-norm pass, the pass that
/// also takes plane means, a convolution's epilogue) goes through it, so their results agree bit
/// for bit.
enum PlaneAffine {
  /// `dst[i] = relu?(src[i] · s + t)` for `count` values (`src` may be `dst`); with `summing`, also
  /// the sum of the results in lanes of eight and then in double precision, the order of
  /// `vectorSum` (and so of `adaptiveAvgPool2d(_:outputSize: (1, 1))`), else 0.
  @inline(__always)
  static func apply(
    _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count: Int, scale s: Float, shift t: Float,
    relu: Bool, summing: Bool
  ) -> Double {
    let (s8, t8) = (SIMD8<Float>(repeating: s), SIMD8<Float>(repeating: t))
    let from = UnsafeRawPointer(src)
    let to = UnsafeMutableRawPointer(dst)
    var lanes = SIMD8<Float>(repeating: 0)
    var i = 0
    while i + 8 <= count {
      var v = from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * s8 + t8
      if relu { v.replace(with: 0, where: .!(v .> 0)) }
      to.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
      if summing { lanes += v }
      i += 8
    }
    var total = summing ? Double(lanes.sum()) : 0
    while i < count {
      var v = src[i] * s + t
      if relu { v = v > 0 ? v : 0 }
      dst[i] = v
      if summing { total += Double(v) }
      i += 1
    }
    return total
  }
}

/// What a convolution does to each finished output plane: the channel's affine map and, when
/// `means` is set, the plane's mean into `means[index]` (index = image · channels + channel).
struct PlaneEpilogue {
  let scale: UnsafePointer<Float>
  let shift: UnsafePointer<Float>
  let relu: Bool
  let means: UnsafeMutablePointer<Float>?

  /// The plane `plane` in place.
  @inline(__always)
  func finish(_ plane: UnsafeMutablePointer<Float>, count: Int, channel: Int, index: Int) {
    finish(plane, into: plane, count: count, channel: channel, index: index)
  }

  /// The plane `src` into `dst` (which may be `src`), its mean taken in the same pass.
  @inline(__always)
  func finish(
    _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int, channel: Int, index: Int
  ) {
    let total = PlaneAffine.apply(
      src, dst, count: count, scale: scale[channel], shift: shift[channel], relu: relu, summing: means != nil)
    means?[index] = Float(total / Double(count))
  }

  /// One row of `count` values of channel `channel` from `src` into `dst`, without the mean (for
  /// a kernel that writes a plane row by row: `takeMean` once the whole plane is written).
  @inline(__always)
  func apply(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int, channel: Int) {
    _ = PlaneAffine.apply(
      src, dst, count: count, scale: scale[channel], shift: shift[channel], relu: relu, summing: false)
  }

  /// The mean of the written plane `plane` into `means[index]`, if means are wanted: the order of
  /// `adaptiveAvgPool2d(_:outputSize: (1, 1))`, so the two agree bit for bit.
  @inline(__always)
  func takeMean(_ plane: UnsafePointer<Float>, count: Int, index: Int) {
    means?[index] = Float(vectorSum(plane, count: count) / Double(count))
  }
}
