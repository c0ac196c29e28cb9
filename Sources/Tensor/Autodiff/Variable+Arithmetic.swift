extension Variable {
  /// Elementwise `a op b` with broadcasting, or an error if the shapes do not broadcast.
  public static func combine(_ a: Variable, _ b: Variable, _ op: BinaryOperation) throws -> Variable {
    let value = try Tensor.combine(a.value, b.value, op)
    let tape = Variable.tape(of: a, b)
    let (av, bv, aid, bid) = (a.value, b.value, a.isTracked ? a.id : -1, b.isTracked ? b.id : -1)
    let (aShape, bShape) = (a.shape, b.shape)
    return result(value, on: tape) { tape, g in
      switch op {
      case .add:
        if aid >= 0 { tape.accumulate(g.summed(toShape: aShape), into: aid) }
        if bid >= 0 { tape.accumulate(g.summed(toShape: bShape), into: bid) }
      case .subtract:
        if aid >= 0 { tape.accumulate(g.summed(toShape: aShape), into: aid) }
        if bid >= 0 { tape.accumulate((-g).summed(toShape: bShape), into: bid) }
      case .multiply:
        if aid >= 0 { tape.accumulate((g * bv).summed(toShape: aShape), into: aid) }
        if bid >= 0 { tape.accumulate((g * av).summed(toShape: bShape), into: bid) }
      case .divide:
        if aid >= 0 { tape.accumulate((g / bv).summed(toShape: aShape), into: aid) }
        if bid >= 0 { tape.accumulate((-(g * av) / (bv * bv)).summed(toShape: bShape), into: bid) }
      case .maximum, .minimum:
        // The gradient goes to the operand that was selected (to `a` on ties).
        let aFull = Tensor.combineOrFail(av, Tensor(zeros: value.shape), .add)
        let maskA = Tensor(shape: value.shape) { out, n in
          aFull.withPointer { pa in value.withPointer { py in for i in 0..<n { out[i] = pa[i] == py[i] ? 1 : 0 } } }
        }
        if aid >= 0 { tape.accumulate((g * maskA).summed(toShape: aShape), into: aid) }
        if bid >= 0 { tape.accumulate((g * maskA.mapAffine(scale: -1, shift: 1)).summed(toShape: bShape), into: bid) }
      }
    }
  }

  static func combineOrFail(_ a: Variable, _ b: Variable, _ op: BinaryOperation) -> Variable {
    do {
      return try combine(a, b, op)
    } catch {
      preconditionFailure("\(error)")
    }
  }

  /// Elementwise sum with broadcasting (the shapes must broadcast; `combine` throws instead).
  public static func + (a: Variable, b: Variable) -> Variable { combineOrFail(a, b, .add) }
  /// Elementwise difference with broadcasting.
  public static func - (a: Variable, b: Variable) -> Variable { combineOrFail(a, b, .subtract) }
  /// Elementwise product with broadcasting.
  public static func * (a: Variable, b: Variable) -> Variable { combineOrFail(a, b, .multiply) }
  /// Elementwise quotient with broadcasting.
  public static func / (a: Variable, b: Variable) -> Variable { combineOrFail(a, b, .divide) }

  /// `scale * x + shift` for every element.
  public func affine(scale: Float, shift: Float) -> Variable {
    let id = self.id
    return Variable.result(value.mapAffine(scale: scale, shift: shift), on: tape) { tape, g in
      tape.accumulate(scale == 1 ? g : g * scale, into: id)
    }
  }

  /// Adds a scalar to every element.
  public static func + (a: Variable, s: Float) -> Variable { a.affine(scale: 1, shift: s) }
  /// Adds a scalar to every element.
  public static func + (s: Float, a: Variable) -> Variable { a.affine(scale: 1, shift: s) }
  /// Subtracts a scalar from every element.
  public static func - (a: Variable, s: Float) -> Variable { a.affine(scale: 1, shift: -s) }
  /// Subtracts every element from a scalar.
  public static func - (s: Float, a: Variable) -> Variable { a.affine(scale: -1, shift: s) }
  /// Multiplies every element by a scalar.
  public static func * (a: Variable, s: Float) -> Variable { a.affine(scale: s, shift: 0) }
  /// Multiplies every element by a scalar.
  public static func * (s: Float, a: Variable) -> Variable { a.affine(scale: s, shift: 0) }
  /// Divides every element by a scalar.
  public static func / (a: Variable, s: Float) -> Variable { a.affine(scale: 1 / s, shift: 0) }
  /// The negation.
  public static prefix func - (a: Variable) -> Variable { a.affine(scale: -1, shift: 0) }

  /// Applies an elementwise function; its derivative is applied in the backward pass.
  public func map(_ function: UnaryFunction) -> Variable {
    let x = value
    let y = value.map(function)
    let id = self.id
    return Variable.result(y, on: tape) { tape, g in
      tape.accumulate(Variable.derivative(function, x: x, y: y, g: g), into: id)
    }
  }

  /// `g * f'(x)` for an elementwise function with input `x` and output `y`.
  static func derivative(_ function: UnaryFunction, x: Tensor, y: Tensor, g: Tensor) -> Tensor {
    Tensor(shape: x.shape) { result, count in
      x.withPointer { x in
        y.withPointer { y in
          g.withPointer { g in
            Parallel.ranges(count, minimum: Parallel.grain) { r in
              let o = r.lowerBound
              derivativeRun(function, x + o, y + o, g + o, result + o, r.count)
            }
          }
        }
      }
    }
  }

  /// `out[i] = g[i] * f'(x[i])` for `n` elements, given `y = f(x)`.
  @inline(__always)
  static func derivativeRun(
    _ function: UnaryFunction, _ px: UnsafePointer<Float>, _ py: UnsafePointer<Float>, _ pg: UnsafePointer<Float>,
    _ out: UnsafeMutablePointer<Float>, _ n: Int
  ) {
    switch function {
    case .exp: for i in 0..<n { out[i] = pg[i] * py[i] }
    case .log: for i in 0..<n { out[i] = pg[i] / px[i] }
    case .abs: for i in 0..<n { out[i] = px[i] > 0 ? pg[i] : (px[i] < 0 ? -pg[i] : 0) }
    case .square: for i in 0..<n { out[i] = 2 * px[i] * pg[i] }
    case .sqrt: for i in 0..<n { out[i] = pg[i] / (2 * py[i]) }
    case .relu: for i in 0..<n { out[i] = px[i] > 0 ? pg[i] : 0 }
    case .sigmoid: for i in 0..<n { out[i] = pg[i] * py[i] * (1 - py[i]) }
    case .tanh: for i in 0..<n { out[i] = pg[i] * (1 - py[i] * py[i]) }
    case .sign: for i in 0..<n { out[i] = 0 }
    }
  }

  /// `max(x, 0)`.
  public func relu() -> Variable { map(.relu) }
  /// The logistic sigmoid.
  public func sigmoid() -> Variable { map(.sigmoid) }
  /// The hyperbolic tangent.
  public func tanh() -> Variable { map(.tanh) }
  /// `e^x`.
  public func exp() -> Variable { map(.exp) }
  /// The natural logarithm.
  public func log() -> Variable { map(.log) }
  /// `|x|` (subgradient 0 at 0).
  public func abs() -> Variable { map(.abs) }
  /// `x * x`.
  public func squared() -> Variable { map(.square) }
  /// The square root.
  public func squareRoot() -> Variable { map(.sqrt) }
}
