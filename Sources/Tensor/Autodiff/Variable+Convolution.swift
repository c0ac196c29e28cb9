extension Variable {
  /// 2-D convolution of NCHW input with `[O, C, KH, KW]` weights and an optional `[O]` bias.
  public static func conv2d(
    _ x: Variable, weight: Variable, bias: Variable? = nil, stride: (Int, Int) = (1, 1),
    padding: (Int, Int) = (0, 0)
  ) throws -> Variable {
    let g = try Tensor.convolutionGeometry(
      input: x.shape, weight: weight.shape, bias: bias?.shape, stride: stride, padding: padding)
    let (xv, wv) = (x.value, weight.value)
    let y = Tensor.conv2d(xv, weight: wv, bias: bias?.value, geometry: g)
    let tape = bias.map { Variable.tape(of: x, weight, $0) } ?? Variable.tape(of: x, weight)
    let (xid, wid, bid) = (x.id, weight.id, bias?.id ?? -1)
    let (needX, needW, needB) = (x.isTracked, weight.isTracked, bias?.isTracked ?? false)
    return result(y, on: tape) { tape, dy in
      let grads = Tensor.conv2dBackward(
        xv, weight: wv, geometry: g, outputGradient: dy, input: needX, weight: needW, bias: needB)
      if let dx = grads.input { tape.accumulate(dx, into: xid) }
      if let dw = grads.weight { tape.accumulate(dw, into: wid) }
      if let db = grads.bias { tape.accumulate(db, into: bid) }
    }
  }
}

extension Variable {
  /// `conv2d(k, weight: k)` at stride 1 for a filter bank `k [O, C, KH, KW]`, with `k` entering
  /// as both operands (see `Tensor.selfCorrelation`).
  public static func selfCorrelation(_ k: Variable, padding: (Int, Int)) throws -> Variable {
    let r = try Tensor.selfCorrelation(k.value, padding: padding)
    let (kv, id) = (k.value, k.id)
    return result(r, on: k.tape) { tape, dr in
      tape.accumulate(Tensor.selfCorrelationBackward(kv, padding: padding, outputGradient: dr), into: id)
    }
  }
}
