import Tensor

/// A tensor as integer levels and scales: the form hardware models consume.
///
/// Element i is `levels[i] * scales[c]`, where c is its index along `channelAxis` (or 0 per tensor).
public struct QuantizedTensor: Sendable, Equatable {
  /// The extent of each dimension, outermost first.
  public var shape: [Int]
  /// The signed integer level of each element, row-major.
  public var levels: [Int]
  /// One scale per tensor, or one per index of `channelAxis`.
  public var scales: [Float]
  /// The bit width of the levels.
  public var bits: Int
  /// The axis with its own scale per index, or nil for one scale per tensor.
  public var channelAxis: Int?

  /// Creates a quantised tensor; the counts must agree with `shape` and `channelAxis`.
  public init(shape: [Int], levels: [Int], scales: [Float], bits: Int, channelAxis: Int? = nil) {
    precondition(levels.count == shape.reduce(1, *), "\(levels.count) levels for shape \(shape)")
    precondition(scales.count == (channelAxis.map { shape[$0] } ?? 1), "\(scales.count) scales for shape \(shape)")
    self.shape = shape
    self.levels = levels
    self.scales = scales
    self.bits = bits
    self.channelAxis = channelAxis
  }

  /// The scale of each element's channel, element by element.
  private func channelLayout() -> (channels: Int, inner: Int) {
    guard let axis = channelAxis else { return (1, levels.count) }
    return (shape[axis], shape[(axis + 1)...].reduce(1, *))
  }

  /// The real values the levels stand for.
  public func dequantized() -> Tensor {
    let (channels, inner) = channelLayout()
    var values = [Float](repeating: 0, count: levels.count)
    for i in levels.indices {
      let c = channels == 1 ? 0 : (i / inner) % channels
      values[i] = Float(levels[i]) * scales[c]
    }
    return Tensor(shape: shape, scalars: values)
  }

  /// How often each level occurs: the value histogram PowerPruning selects from.
  public func levelHistogram() -> [Int: Int] {
    var counts = [Int: Int]()
    for level in levels { counts[level, default: 0] += 1 }
    return counts
  }
}
