/// A dense Float32 tensor, row-major (NCHW for images).
///
/// CONTRACT used by every engine module: `shape`, `scalars`, `count`,
/// `init(shape:scalars:)` and `init(zeros:)` stay.
///
/// A tensor is a value: copies share storage until one of them is written
/// (Swift's copy-on-write arrays), so passing tensors around is cheap.
public struct Tensor: Sendable {
  /// The extent of each dimension, outermost first.
  public internal(set) var shape: [Int]
  /// The elements in row-major order.
  public var scalars: [Float]

  /// Creates a tensor from its elements; `scalars.count` must equal the product of `shape`.
  public init(shape: [Int], scalars: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
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

  /// The number of dimensions.
  public var rank: Int { shape.count }

  /// The single element of a one-element tensor.
  public var scalar: Float {
    precondition(count == 1, "scalar of a tensor of shape \(shape)")
    return scalars[0]
  }
}

extension Tensor {
  /// Creates a tensor without initialising its elements; `body` must write all of them.
  ///
  /// The kernels use this to skip zero-filling buffers they overwrite anyway.
  init(shape: [Int], uninitialized body: (UnsafeMutablePointer<Float>, Int) -> Void) {
    let n = shape.reduce(1, *)
    let scalars = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
      if n > 0, let base = buffer.baseAddress { body(base, n) }
      initialized = n
    }
    self.shape = shape
    self.scalars = scalars
  }

  /// Calls `body` with a pointer to the elements (valid only inside `body`).
  @inline(__always)
  func withPointer<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
    try scalars.withUnsafeBufferPointer { buffer in
      // An empty array may have no base address; kernels never read it then.
      try body(buffer.baseAddress ?? UnsafePointer(bitPattern: 0x10)!)
    }
  }

  /// Calls `body` with a mutable pointer to the elements (valid only inside `body`).
  @inline(__always)
  mutating func withMutablePointer<R>(_ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
    try scalars.withUnsafeMutableBufferPointer { buffer in
      try body(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 0x10)!)
    }
  }
}

extension Tensor: Equatable {
  /// Two tensors are equal when their shapes and elements are.
  public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
    lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
  }
}

extension Tensor: CustomStringConvertible {
  /// A short description: the shape and the first elements.
  public var description: String {
    let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
    return "Tensor\(shape)[\(shown)\(count > 8 ? ", ..." : "")]"
  }
}
