extension Tensor {
  /// Creates a tensor with every element equal to `value`.
  public init(shape: [Int], repeating value: Float) {
    self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
  }

  /// Creates a tensor of ones.
  public init(ones shape: [Int]) {
    self.init(shape: shape, repeating: 1)
  }

  /// Creates a one-element tensor of shape `[]`.
  public init(_ scalar: Float) {
    self.init(shape: [], scalars: [scalar])
  }

  /// Creates a one-dimensional tensor from its elements.
  public init(_ scalars: [Float]) {
    self.init(shape: [scalars.count], scalars: scalars)
  }

  /// Creates a tensor from Double elements (rounded to Float).
  public init(shape: [Int], doubles: [Double]) {
    self.init(shape: shape, scalars: doubles.map { Float($0) })
  }

  /// Creates a matrix from its rows, which must all have the same length.
  public init(rows: [[Float]]) throws {
    let width = rows.first?.count ?? 0
    guard rows.allSatisfy({ $0.count == width }) else {
      throw TensorError.shapeMismatch("rows of different lengths")
    }
    self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
  }

  /// Normal samples with the given mean and standard deviation, drawn from `generator`.
  public init(
    randomNormal shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
    generator: inout SeededGenerator
  ) {
    let n = shape.reduce(1, *)
    var scalars = [Float](repeating: 0, count: n)
    for i in 0..<n { scalars[i] = mean + standardDeviation * Float(generator.nextNormal()) }
    self.init(shape: shape, scalars: scalars)
  }

  /// Normal samples with the given mean and standard deviation; the same seed gives the same tensor.
  public init(randomNormal shape: [Int], mean: Float = 0, standardDeviation: Float = 1, seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    self.init(randomNormal: shape, mean: mean, standardDeviation: standardDeviation, generator: &generator)
  }

  /// Uniform samples in `[lower, upper)`, drawn from `generator`.
  public init(randomUniform shape: [Int], lower: Float = 0, upper: Float = 1, generator: inout SeededGenerator) {
    let n = shape.reduce(1, *)
    var scalars = [Float](repeating: 0, count: n)
    let width = upper - lower
    for i in 0..<n { scalars[i] = lower + width * generator.nextUniform() }
    self.init(shape: shape, scalars: scalars)
  }

  /// Uniform samples in `[lower, upper)`; the same seed gives the same tensor.
  public init(randomUniform shape: [Int], lower: Float = 0, upper: Float = 1, seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    self.init(randomUniform: shape, lower: lower, upper: upper, generator: &generator)
  }

  /// The `n x n` identity matrix.
  public init(identity n: Int) {
    var scalars = [Float](repeating: 0, count: n * n)
    for i in 0..<n { scalars[i * n + i] = 1 }
    self.init(shape: [n, n], scalars: scalars)
  }

  /// A one-hot matrix `[labels.count, classCount]`.
  public init(oneHot labels: [Int], classCount: Int) {
    var scalars = [Float](repeating: 0, count: labels.count * classCount)
    for (i, label) in labels.enumerated() where (0..<classCount).contains(label) {
      scalars[i * classCount + label] = 1
    }
    self.init(shape: [labels.count, classCount], scalars: scalars)
  }
}
