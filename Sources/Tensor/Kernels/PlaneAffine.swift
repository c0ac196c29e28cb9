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

  /// A map of `scale.count` channels (`shift` as long).
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
  /// `dst[i] = relu?(src[i] · s + t)` for `count` values (`src` may be `dst`).
  @inline(__always)
  static func apply(
    _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count: Int, scale s: Float, shift t: Float,
    relu: Bool
  ) {
    let (s8, t8) = (SIMD8<Float>(repeating: s), SIMD8<Float>(repeating: t))
    let from = UnsafeRawPointer(src)
    let to = UnsafeMutableRawPointer(dst)
    var i = 0
    while i + 8 <= count {
      var v = from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * s8 + t8
      if relu { v.replace(with: 0, where: .!(v .> 0)) }
      to.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      let v = src[i] * s + t
      dst[i] = relu ? (v > 0 ? v : 0) : v
      i += 1
    }
  }
}

/// What a convolution does to each finished output plane: the channel's affine map and, when
/// `means` is set, the plane's mean into `means[index]` (index = image · channels + channel).
struct PlaneEpilogue {
  let scale: UnsafePointer<Float>
  let shift: UnsafePointer<Float>
  let relu: Bool
  let means: UnsafeMutablePointer<Float>?

  /// `planes` whole planes of `count` values from `src` into `dst` (which may be `src`), one after
  /// the other; plane `i` is plane `index + i` of the output, of channel `(index + i) % channels`.
  /// Eight planes at a time are mapped, then their means taken (`takeMeans`) while they are still
  /// in cache: summing inside the map's loop would chain every addition of a plane on the one
  /// before, which costs more than reading eight planes again from L1.
  func finish(
    _ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, planes: Int, channels: Int, count: Int,
    index: Int
  ) {
    var first = 0
    while first < planes {
      let group = Swift.min(8, planes - first)
      for i in first..<(first + group) {
        apply(src + i * count, into: dst + i * count, count: count, channel: (index + i) % channels)
      }
      takeMeans(dst + first * count, planes: group, count: count, index: index + first)
      first += group
    }
  }

  /// `count` values of channel `channel` from `src` into `dst`, without the mean (a kernel that
  /// writes a plane row by row calls `takeMeans` once the planes are written).
  @inline(__always)
  func apply(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int, channel: Int) {
    PlaneAffine.apply(src, dst, count: count, scale: scale[channel], shift: shift[channel], relu: relu)
  }

  /// The means of `planes` written planes of `count` values, one after the other from `first`,
  /// into `means[index...]`, if means are wanted. Each is summed in the order of `vectorSum` (and
  /// so of `adaptiveAvgPool2d(_:outputSize: (1, 1))`: the two agree bit for bit), four planes side
  /// by side so that their four chains of additions overlap instead of waiting on each other.
  func takeMeans(_ first: UnsafePointer<Float>, planes: Int, count: Int, index: Int) {
    guard let means else { return }
    let raw = UnsafeRawPointer(first)
    var p = 0
    while p + 4 <= planes {
      var lanes = (SIMD8<Float>.zero, SIMD8<Float>.zero, SIMD8<Float>.zero, SIMD8<Float>.zero)
      let base = p * count * 4
      let step = count * 4
      var i = 0
      while i + 8 <= count {
        lanes.0 += raw.loadUnaligned(fromByteOffset: base + i * 4, as: SIMD8<Float>.self)
        lanes.1 += raw.loadUnaligned(fromByteOffset: base + step + i * 4, as: SIMD8<Float>.self)
        lanes.2 += raw.loadUnaligned(fromByteOffset: base + 2 * step + i * 4, as: SIMD8<Float>.self)
        lanes.3 += raw.loadUnaligned(fromByteOffset: base + 3 * step + i * 4, as: SIMD8<Float>.self)
        i += 8
      }
      var totals = (Double(lanes.0.sum()), Double(lanes.1.sum()), Double(lanes.2.sum()), Double(lanes.3.sum()))
      let plane = first + p * count
      for t in i..<count {
        totals.0 += Double(plane[t])
        totals.1 += Double(plane[count + t])
        totals.2 += Double(plane[2 * count + t])
        totals.3 += Double(plane[3 * count + t])
      }
      means[index + p] = Float(totals.0 / Double(count))
      means[index + p + 1] = Float(totals.1 / Double(count))
      means[index + p + 2] = Float(totals.2 / Double(count))
      means[index + p + 3] = Float(totals.3 / Double(count))
      p += 4
    }
    for q in p..<planes { means[index + q] = Float(vectorSum(first + q * count, count: count) / Double(count)) }
  }
}
