import Tensor

/// Symmetric N-bit quantisation: each value becomes an integer level times a scale.
///
/// The scale of a tensor (or of each output channel) is `max|x| / L`, where L is the largest
/// magnitude among the allowed levels: `2^(N-1) - 1` when every N-bit level is allowed, so the
/// largest value lands on the top level. `allowedLevels` restricts the grid to chosen integers
/// (PowerPruning's low-power weight values, the cheap multipliers of hardware-aware logic design);
/// values then go to the nearest allowed level.
public struct Quantizer: Sendable, Equatable {
  /// Whether one scale covers the whole tensor or each slice along an axis has its own.
  public enum Granularity: Sendable, Equatable {
    /// One scale for the tensor.
    case perTensor
    /// One scale per index of `axis` (0 for the output channels of linear and convolution weights).
    case perChannel(axis: Int)
  }

  /// The bit width N of the signed integer levels.
  public let bits: Int
  /// One scale per tensor or per channel.
  public let granularity: Granularity
  /// The allowed integer levels, ascending (within `-2^(N-1)...2^(N-1)-1`), or nil for the symmetric
  /// grid `-(2^(N-1)-1)...(2^(N-1)-1)`.
  public let allowedLevels: [Int]?

  /// Creates a quantiser; `allowedLevels` must be N-bit levels, and is sorted and de-duplicated here.
  public init(bits: Int, granularity: Granularity = .perTensor, allowedLevels: [Int]? = nil) throws {
    // 24 bits: every level is still exactly a Float.
    guard bits >= 2, bits <= 24 else {
      throw QuantizationError("quantise: bits must be in 2...24, got \(bits)")
    }
    if case .perChannel(let axis) = granularity, axis < 0 {
      throw QuantizationError("quantise: channel axis must not be negative, got \(axis)")
    }
    let top = (1 << (bits - 1)) - 1
    var sorted: [Int]? = nil
    if let levels = allowedLevels {
      // A chosen set may use -2^(N-1), which two's-complement hardware has though the symmetric grid does not.
      if let outside = levels.first(where: { $0 > top || $0 < -top - 1 }) {
        throw QuantizationError("quantise: level \(outside) is outside the \(bits)-bit range \(-top - 1)...\(top)")
      }
      guard levels.contains(where: { $0 != 0 }) else {
        throw QuantizationError("quantise: the allowed levels need at least one non-zero level, got \(levels)")
      }
      sorted = Array(Set(levels)).sorted()
    }
    self.bits = bits
    self.granularity = granularity
    self.allowedLevels = sorted
  }

  /// The top level of the full grid, `2^(N-1) - 1`.
  public var maxLevel: Int { (1 << (bits - 1)) - 1 }

  /// The largest magnitude among the allowed levels: the level the largest value of a tensor maps to.
  public var largestMagnitude: Int {
    guard let levels = allowedLevels else { return maxLevel }
    return levels.map { Swift.abs($0) }.max() ?? maxLevel
  }

  /// How many scales a tensor of `shape` has, and the layout of its channels.
  func channelLayout(of shape: [Int]) throws -> (channels: Int, inner: Int) {
    switch granularity {
    case .perTensor:
      return (1, shape.reduce(1, *))
    case .perChannel(let axis):
      guard axis < shape.count else {
        throw QuantizationError("quantise: channel axis \(axis) does not exist in a tensor of shape \(shape)")
      }
      return (shape[axis], shape[(axis + 1)...].reduce(1, *))
    }
  }

  /// The scales that put the largest magnitude of `tensor` (or of each channel) on the top allowed level.
  ///
  /// An all-zero tensor or channel gets scale 1: every scale represents zeros exactly, and 1 keeps
  /// later divisions finite.
  public func scales(for tensor: Tensor) throws -> [Float] {
    let (channels, inner) = try channelLayout(of: tensor.shape)
    var maxima = [Float](repeating: 0, count: channels)
    tensor.scalars.withUnsafeBufferPointer { x in
      for i in 0..<x.count {
        let c = channels == 1 ? 0 : (i / inner) % channels
        maxima[c] = Swift.max(maxima[c], Swift.abs(x[i]))
      }
    }
    let top = Float(largestMagnitude)
    return maxima.map { $0 > 0 && $0.isFinite ? $0 / top : 1 }
  }

  /// The integer level of each value of `tensor`, with its scales (computed when not given).
  public func quantize(_ tensor: Tensor, scales given: [Float]? = nil) throws -> QuantizedTensor {
    let scales = try checkedScales(given, for: tensor)
    let (channels, inner) = try channelLayout(of: tensor.shape)
    var levels = [Int](repeating: 0, count: tensor.count)
    tensor.scalars.withUnsafeBufferPointer { x in
      for i in 0..<x.count {
        let c = channels == 1 ? 0 : (i / inner) % channels
        levels[i] = level(of: x[i] / scales[c])
      }
    }
    return QuantizedTensor(
      shape: tensor.shape, levels: levels, scales: scales, bits: bits, channelAxis: channelAxis)
  }

  /// The values of `tensor` replaced by their nearest representable value: level times scale.
  public func fakeQuantize(_ tensor: Tensor, scales given: [Float]? = nil) throws -> Tensor {
    try quantize(tensor, scales: given).dequantized()
  }

  /// The channel axis, or nil per tensor.
  var channelAxis: Int? {
    if case .perChannel(let axis) = granularity { return axis }
    return nil
  }

  /// `given` checked against the tensor's channels, or freshly computed scales.
  func checkedScales(_ given: [Float]?, for tensor: Tensor) throws -> [Float] {
    guard let given else { return try scales(for: tensor) }
    let (channels, _) = try channelLayout(of: tensor.shape)
    guard given.count == channels else {
      throw QuantizationError("quantise: \(given.count) scales for \(channels) channels of a tensor of shape \(tensor.shape)")
    }
    guard given.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw QuantizationError("quantise: scales must be positive and finite, got \(given)")
    }
    return given
  }

  /// The allowed level nearest to `x` (in units of the scale).
  ///
  /// On the full grid ties round to even, as PyTorch's `round` does; between two allowed levels
  /// ties go to the smaller magnitude.
  func level(of x: Float) -> Int {
    guard x.isFinite else { return x.isNaN ? 0 : (x > 0 ? largestMagnitudeLevel(positive: true) : largestMagnitudeLevel(positive: false)) }
    guard let levels = allowedLevels else {
      let top = Float(maxLevel)
      return Int(Swift.min(Swift.max(x, -top), top).rounded(.toNearestOrEven))
    }
    // Binary search for the first level >= x, then compare with its lower neighbour.
    var low = 0
    var high = levels.count
    while low < high {
      let mid = (low + high) / 2
      if Float(levels[mid]) < x { low = mid + 1 } else { high = mid }
    }
    if low == levels.count { return levels[levels.count - 1] }
    if low == 0 { return levels[0] }
    let above = levels[low]
    let below = levels[low - 1]
    let dAbove = Float(above) - x
    let dBelow = x - Float(below)
    if dAbove != dBelow { return dAbove < dBelow ? above : below }
    return Swift.abs(above) <= Swift.abs(below) ? above : below
  }

  /// The most extreme allowed level of a sign (infinities saturate there).
  private func largestMagnitudeLevel(positive: Bool) -> Int {
    guard let levels = allowedLevels else { return positive ? maxLevel : -maxLevel }
    return positive ? levels[levels.count - 1] : levels[0]
  }
}
