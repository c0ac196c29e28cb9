/// A dense Float32 tensor, row-major (NCHW for images).
///
/// CONTRACT used by every engine module: `shape`, `scalars`, `count`,
/// `init(shape:scalars:)` and `init(zeros:)` stay.
public struct Tensor: Sendable {
  /// The extent of each dimension, outermost first.
  public private(set) var shape: [Int]
  /// The elements in row-major order.
  public var scalars: [Float]

  /// Creates a tensor from its elements; `scalars.count` must equal the product of `shape`.
  public init(shape: [Int], scalars: [Float]) {
    precondition(shape.reduce(1, *) == scalars.count, "shape \(shape) does not hold \(scalars.count) elements")
    self.shape = shape
    self.scalars = scalars
  }

  /// Creates a tensor of zeros.
  public init(zeros shape: [Int]) {
    self.init(shape: shape, scalars: [Float](repeating: 0, count: shape.reduce(1, *)))
  }

  /// The number of elements.
  public var count: Int { scalars.count }
}
