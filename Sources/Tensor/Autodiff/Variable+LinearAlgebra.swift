extension Variable {
  /// The matrix product `op(a) * op(b)`.
  public static func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) throws
    -> Variable
  {
    let value = try Tensor.matmul(a.value, b.value, transposeA: transposeA, transposeB: transposeB)
    let (av, bv, aid, bid) = (a.value, b.value, a.id, b.id)
    let (needA, needB) = (a.isTracked, b.isTracked)
    return result(value, on: tape(of: a, b)) { tape, g in
      // Shapes are consistent by construction, so these products cannot fail.
      if needA {
        let da: Tensor?
        switch (transposeA, transposeB) {
        case (false, false): da = try? Tensor.matmul(g, bv, transposeB: true)
        case (false, true): da = try? Tensor.matmul(g, bv)
        case (true, false): da = try? Tensor.matmul(bv, g, transposeB: true)
        case (true, true): da = try? Tensor.matmul(bv, g, transposeA: true, transposeB: true)
        }
        if let da { tape.accumulate(da, into: aid) }
      }
      if needB {
        let db: Tensor?
        switch (transposeA, transposeB) {
        case (false, false): db = try? Tensor.matmul(av, g, transposeA: true)
        case (false, true): db = try? Tensor.matmul(g, av, transposeA: true)
        case (true, false): db = try? Tensor.matmul(av, g)
        case (true, true): db = try? Tensor.matmul(g, av, transposeA: true, transposeB: true)
        }
        if let db { tape.accumulate(db, into: bid) }
      }
    }
  }

  /// A fully connected layer: `x * weightᵀ + bias` for `x [N, in]`, `weight [out, in]`, `bias [out]`.
  public static func linear(_ x: Variable, weight: Variable, bias: Variable?) throws -> Variable {
    guard x.shape.count == 2, weight.shape.count == 2, x.shape[1] == weight.shape[1] else {
      throw TensorError.shapeMismatch("linear of input \(x.shape) with weight \(weight.shape)")
    }
    let (n, inputs, outputs) = (x.shape[0], x.shape[1], weight.shape[0])
    if let bias, bias.shape != [outputs] {
      throw TensorError.shapeMismatch("linear bias \(bias.shape) for \(outputs) outputs")
    }
    let (xv, wv, bv) = (x.value, weight.value, bias?.value)
    let y = Tensor(shape: [n, outputs]) { out, _ in
      if let bv {
        // Start from the bias rows so the GEMM adds onto them (beta = 1).
        bv.withPointer { b in for r in 0..<n { (out + r * outputs).update(from: b, count: outputs) } }
      }
      xv.withPointer { px in
        wv.withPointer { pw in
          gemm(
            transposeA: false, transposeB: true, m: n, n: outputs, k: inputs, a: px, lda: inputs, b: pw,
            ldb: inputs, beta: bv == nil ? 0 : 1, c: out, ldc: outputs)
        }
      }
    }
    let tape = bias.map { Variable.tape(of: x, weight, $0) } ?? Variable.tape(of: x, weight)
    let (xid, wid, bid) = (x.id, weight.id, bias?.id ?? -1)
    let (needX, needW, needB) = (x.isTracked, weight.isTracked, bias?.isTracked ?? false)
    return result(y, on: tape) { tape, g in
      g.withPointer { pg in
        if needX {
          let dx = Tensor(shape: [n, inputs]) { out, _ in
            wv.withPointer { pw in
              gemm(
                transposeA: false, transposeB: false, m: n, n: inputs, k: outputs, a: pg, lda: outputs, b: pw,
                ldb: inputs, c: out, ldc: inputs)
            }
          }
          tape.accumulate(dx, into: xid)
        }
        if needW {
          let dw = Tensor(shape: [outputs, inputs]) { out, _ in
            xv.withPointer { px in
              gemm(
                transposeA: true, transposeB: false, m: outputs, n: inputs, k: n, a: pg, lda: outputs, b: px,
                ldb: inputs, c: out, ldc: inputs)
            }
          }
          tape.accumulate(dw, into: wid)
        }
      }
      if needB { tape.accumulate(g.sum(alongAxis: 0), into: bid) }
    }
  }

  /// The Frobenius norm of all elements, shape `[]`.
  public func frobeniusNorm() -> Variable {
    let (x, id) = (value, self.id)
    let norm = value.frobeniusNorm()
    return Variable.result(Tensor(norm), on: tape) { tape, g in
      tape.accumulate(norm > 0 ? x * (g.scalar / norm) : Tensor(zeros: x.shape), into: id)
    }
  }

  /// The largest singular value (power iteration, see `Tensor.spectralNorm`), shape `[]`.
  ///
  /// The gradient is `u vᵀ`, the derivative of `sigma = uᵀ W v` at converged singular vectors.
  public func spectralNorm(iterations: Int = 30, seed: UInt64 = 0) -> Variable {
    let (id, shape) = (self.id, self.shape)
    let (sigma, u, v) = value.spectralNorm(iterations: iterations, seed: seed)
    return Variable.result(Tensor(sigma), on: tape) { tape, g in
      let rows = u.count
      let cols = v.count
      let outer = Tensor(shape: shape) { out, _ in
        u.withPointer { pu in
          v.withPointer { pv in
            for i in 0..<rows {
              let s = pu[i] * g.scalar
              for j in 0..<cols { out[i * cols + j] = s * pv[j] }
            }
          }
        }
      }
      tape.accumulate(outer, into: id)
    }
  }
}
