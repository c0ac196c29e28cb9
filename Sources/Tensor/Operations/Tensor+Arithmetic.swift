extension Tensor {
  /// Combines two tensors elementwise with NumPy broadcasting, or throws if the shapes do not broadcast.
  ///
  /// Channel broadcasting over NCHW uses a `[1, C, 1, 1]` (or `[C, 1, 1]`) operand.
  public static func combine(_ a: Tensor, _ b: Tensor, _ op: BinaryOperation) throws -> Tensor {
    if a.shape == b.shape {
      return Tensor(shape: a.shape) { out, n in
        a.withPointer { pa in
          b.withPointer { pb in
            Parallel.ranges(n, minimum: Parallel.grain) { r in
              binaryRun(op, pa + r.lowerBound, 1, pb + r.lowerBound, 1, out + r.lowerBound, r.count)
            }
          }
        }
      }
    }
    let plan = try BroadcastPlan(a.shape, b.shape)
    let inner = plan.extents[plan.extents.count - 1]
    let sa = plan.stridesA[plan.stridesA.count - 1]
    let sb = plan.stridesB[plan.stridesB.count - 1]
    return Tensor(shape: plan.shape) { out, _ in
      a.withPointer { pa in
        b.withPointer { pb in
          plan.forEachRun { oa, ob, oo in binaryRun(op, pa + oa, sa, pb + ob, sb, out + oo, inner) }
        }
      }
    }
  }

  static func combineOrFail(_ a: Tensor, _ b: Tensor, _ op: BinaryOperation) -> Tensor {
    do {
      return try combine(a, b, op)
    } catch {
      preconditionFailure("\(error)")
    }
  }

  /// Elementwise sum with broadcasting (shapes must broadcast: use `combine` to get an error instead).
  public static func + (a: Tensor, b: Tensor) -> Tensor { combineOrFail(a, b, .add) }
  /// Elementwise difference with broadcasting.
  public static func - (a: Tensor, b: Tensor) -> Tensor { combineOrFail(a, b, .subtract) }
  /// Elementwise product with broadcasting.
  public static func * (a: Tensor, b: Tensor) -> Tensor { combineOrFail(a, b, .multiply) }
  /// Elementwise quotient with broadcasting.
  public static func / (a: Tensor, b: Tensor) -> Tensor { combineOrFail(a, b, .divide) }

  /// Adds a scalar to every element.
  public static func + (a: Tensor, s: Float) -> Tensor { a.mapAffine(scale: 1, shift: s) }
  /// Subtracts a scalar from every element.
  public static func - (a: Tensor, s: Float) -> Tensor { a.mapAffine(scale: 1, shift: -s) }
  /// Multiplies every element by a scalar.
  public static func * (a: Tensor, s: Float) -> Tensor { a.mapAffine(scale: s, shift: 0) }
  /// Multiplies every element by a scalar.
  public static func * (s: Float, a: Tensor) -> Tensor { a.mapAffine(scale: s, shift: 0) }
  /// Divides every element by a scalar.
  public static func / (a: Tensor, s: Float) -> Tensor { a.mapAffine(scale: 1 / s, shift: 0) }
  /// The negated tensor.
  public static prefix func - (a: Tensor) -> Tensor { a.mapAffine(scale: -1, shift: 0) }

  /// `scale * x + shift` for every element.
  public func mapAffine(scale: Float, shift: Float) -> Tensor {
    Tensor(shape: shape) { out, n in
      withPointer { x in for i in 0..<n { out[i] = x[i] * scale + shift } }
    }
  }

  /// Adds `other` (same shape) into this tensor in place.
  public mutating func add(_ other: Tensor) {
    precondition(other.shape == shape, "add: \(other.shape) into \(shape)")
    let n = count
    withMutablePointer { y in other.withPointer { x in addInPlace(y, x, count: n) } }
  }

  /// Adds `alpha * other` (same shape) into this tensor in place.
  public mutating func add(_ other: Tensor, scaledBy alpha: Float) {
    precondition(other.shape == shape, "add: \(other.shape) into \(shape)")
    let n = count
    withMutablePointer { y in other.withPointer { x in axpy(alpha, x, y, count: n) } }
  }

  /// Whether every element is finite (no NaN, no infinity).
  public var isFinite: Bool {
    withPointer { allFinite($0, count: count) }
  }
}

/// The elementwise functions of one operand.
public enum UnaryFunction: Sendable {
  /// `exp(x)`.
  case exp
  /// `log(x)`.
  case log
  /// `|x|`.
  case abs
  /// `x * x`.
  case square
  /// `sqrt(x)`.
  case sqrt
  /// `max(x, 0)`.
  case relu
  /// `1 / (1 + exp(-x))`.
  case sigmoid
  /// `tanh(x)`.
  case tanh
  /// `-1, 0 or 1` by the sign of `x`.
  case sign
}

extension Tensor {
  /// Applies `function` to every element.
  public func map(_ function: UnaryFunction) -> Tensor {
    Tensor(shape: shape) { result, count in
      withPointer { source in
        Parallel.ranges(count, minimum: Parallel.grain) { r in
          Tensor.apply(function, source + r.lowerBound, result + r.lowerBound, r.count)
        }
      }
    }
  }

  /// `out[i] = f(x[i])` for `n` elements.
  @inline(__always)
  static func apply(_ function: UnaryFunction, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int)
  {
    switch function {
    case .exp: for i in 0..<n { out[i] = _expf(x[i]) }
    case .log: for i in 0..<n { out[i] = _logf(x[i]) }
    case .abs: for i in 0..<n { out[i] = Swift.abs(x[i]) }
    case .square: for i in 0..<n { out[i] = x[i] * x[i] }
    case .sqrt: for i in 0..<n { out[i] = x[i].squareRoot() }
    case .relu: for i in 0..<n { out[i] = x[i] > 0 ? x[i] : 0 }
    case .sigmoid:
      // Split by sign so exp never overflows.
      for i in 0..<n {
        let v = x[i]
        if v >= 0 {
          out[i] = 1 / (1 + _expf(-v))
        } else {
          let e = _expf(v)
          out[i] = e / (1 + e)
        }
      }
    case .tanh: for i in 0..<n { out[i] = _tanhf(x[i]) }
    case .sign: for i in 0..<n { out[i] = x[i] > 0 ? 1 : (x[i] < 0 ? -1 : 0) }
    }
  }
}
