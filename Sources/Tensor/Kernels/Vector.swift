// Vector loops over raw pointers. Plain counted loops over pointers compile to
// SIMD code (LLVM's loop vectoriser) in release builds; keeping them free of
// closures and bounds checks is what makes them fast.

/// `y[i] += x[i]`.
@inline(__always)
func addInPlace(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, count n: Int) {
  for i in 0..<n { y[i] += x[i] }
}

/// `y[i] += alpha * x[i]`.
@inline(__always)
func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
  for i in 0..<n { y[i] += alpha * x[i] }
}

/// `x[i] *= alpha`.
@inline(__always)
func scale(_ x: UnsafeMutablePointer<Float>, by alpha: Float, count n: Int) {
  for i in 0..<n { x[i] *= alpha }
}

/// The sum of `n` elements, in eight independent float lanes then double.
///
/// Eight partial sums let the loop vectorise and keep rounding error close to
/// that of pairwise summation for the sizes the engine sees.
@inline(__always)
func vectorSum(_ x: UnsafePointer<Float>, count n: Int) -> Double {
  var lanes = SIMD8<Float>(repeating: 0)
  var i = 0
  let raw = UnsafeRawPointer(x)
  while i + 8 <= n {
    lanes += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
    i += 8
  }
  var total = Double(lanes.sum())
  while i < n {
    total += Double(x[i])
    i += 1
  }
  return total
}

/// The sum and the sum of squares of `x[i] - shift` over `n` elements, as `vectorSum`.
///
/// Shifting by a value near the mean keeps the variance `E[d²] - E[d]²` free of cancellation.
@inline(__always)
func sumAndSquares(_ x: UnsafePointer<Float>, count n: Int, shift: Float) -> (Double, Double) {
  var lanes = SIMD8<Float>(repeating: 0)
  var squares = SIMD8<Float>(repeating: 0)
  let k = SIMD8<Float>(repeating: shift)
  var i = 0
  let raw = UnsafeRawPointer(x)
  while i + 8 <= n {
    let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - k
    lanes += v
    squares += v * v
    i += 8
  }
  var total = Double(lanes.sum())
  var totalSquares = Double(squares.sum())
  while i < n {
    let d = Double(x[i] - shift)
    total += d
    totalSquares += d * d
    i += 1
  }
  return (total, totalSquares)
}

/// `(sum of g[i], sum of g[i] * x[i])` over the elements where `mask[i] > 0`, as `vectorSum`.
@inline(__always)
func maskedSums(
  _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, mask: UnsafePointer<Float>, count n: Int
) -> (Double, Double) {
  var s1 = SIMD8<Float>(repeating: 0)
  var s2 = SIMD8<Float>(repeating: 0)
  let (rg, rx, rm) = (UnsafeRawPointer(g), UnsafeRawPointer(x), UnsafeRawPointer(mask))
  let zero = SIMD8<Float>(repeating: 0)
  var i = 0
  while i + 8 <= n {
    let m = rm.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
    let v = zero.replacing(with: rg.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self), where: m .> zero)
    s1 += v
    s2 += v * rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
    i += 8
  }
  var t1 = Double(s1.sum())
  var t2 = Double(s2.sum())
  while i < n {
    if mask[i] > 0 {
      t1 += Double(g[i])
      t2 += Double(g[i] * x[i])
    }
    i += 1
  }
  return (t1, t2)
}

/// The sum of `x[i] * y[i]`, as `sum`.
@inline(__always)
func vectorDot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count n: Int) -> Double {
  var lanes = SIMD8<Float>(repeating: 0)
  var i = 0
  let rx = UnsafeRawPointer(x)
  let ry = UnsafeRawPointer(y)
  while i + 8 <= n {
    lanes +=
      rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
      * ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
    i += 8
  }
  var total = Double(lanes.sum())
  while i < n {
    total += Double(x[i] * y[i])
    i += 1
  }
  return total
}

/// The largest element (`-infinity` when empty); NaN propagates.
@inline(__always)
func vectorMax(_ x: UnsafePointer<Float>, count n: Int) -> Float {
  var best = -Float.infinity
  for i in 0..<n {
    let v = x[i]
    if v > best || v.isNaN { best = v }
    if best.isNaN { return best }
  }
  return best
}

/// Whether all `n` elements are finite.
@inline(__always)
func allFinite(_ x: UnsafePointer<Float>, count n: Int) -> Bool {
  // x - x is 0 for finite values and NaN for infinities and NaN; summing them
  // keeps the loop branch-free and vectorised.
  var acc = SIMD8<Float>(repeating: 0)
  var i = 0
  let raw = UnsafeRawPointer(x)
  while i + 8 <= n {
    let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
    acc += v - v
    i += 8
  }
  var tail: Float = 0
  while i < n {
    tail += x[i] - x[i]
    i += 1
  }
  return acc.sum() == 0 && tail == 0
}

/// The elementwise operations with two operands.
public enum BinaryOperation: Sendable {
  /// `a + b`.
  case add
  /// `a - b`.
  case subtract
  /// `a * b`.
  case multiply
  /// `a / b`.
  case divide
  /// `max(a, b)`.
  case maximum
  /// `min(a, b)`.
  case minimum
}

/// `out[i] = a[i*sa] op b[i*sb]` where each stride is 0 (a repeated scalar) or 1.
///
/// The switch sits outside the loops so each loop is a plain vectorisable one.
@inline(__always)
func binaryRun(
  _ op: BinaryOperation, _ a: UnsafePointer<Float>, _ sa: Int, _ b: UnsafePointer<Float>, _ sb: Int,
  _ out: UnsafeMutablePointer<Float>, _ n: Int
) {
  switch (sa, sb) {
  case (1, 1):
    switch op {
    case .add: for i in 0..<n { out[i] = a[i] + b[i] }
    case .subtract: for i in 0..<n { out[i] = a[i] - b[i] }
    case .multiply: for i in 0..<n { out[i] = a[i] * b[i] }
    case .divide: for i in 0..<n { out[i] = a[i] / b[i] }
    case .maximum: for i in 0..<n { out[i] = a[i] > b[i] ? a[i] : b[i] }
    case .minimum: for i in 0..<n { out[i] = a[i] < b[i] ? a[i] : b[i] }
    }
  case (1, 0):
    let s = b[0]
    switch op {
    case .add: for i in 0..<n { out[i] = a[i] + s }
    case .subtract: for i in 0..<n { out[i] = a[i] - s }
    case .multiply: for i in 0..<n { out[i] = a[i] * s }
    case .divide: for i in 0..<n { out[i] = a[i] / s }
    case .maximum: for i in 0..<n { out[i] = a[i] > s ? a[i] : s }
    case .minimum: for i in 0..<n { out[i] = a[i] < s ? a[i] : s }
    }
  case (0, 1):
    let s = a[0]
    switch op {
    case .add: for i in 0..<n { out[i] = s + b[i] }
    case .subtract: for i in 0..<n { out[i] = s - b[i] }
    case .multiply: for i in 0..<n { out[i] = s * b[i] }
    case .divide: for i in 0..<n { out[i] = s / b[i] }
    case .maximum: for i in 0..<n { out[i] = s > b[i] ? s : b[i] }
    case .minimum: for i in 0..<n { out[i] = s < b[i] ? s : b[i] }
    }
  default:
    let x = a[0]
    let y = b[0]
    let v: Float
    switch op {
    case .add: v = x + y
    case .subtract: v = x - y
    case .multiply: v = x * y
    case .divide: v = x / y
    case .maximum: v = x > y ? x : y
    case .minimum: v = x < y ? x : y
    }
    out.update(repeating: v, count: n)
  }
}
