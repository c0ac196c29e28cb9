extension Tensor {
  /// The matrix product `op(a) * op(b)` through BLAS, or an error if the inner extents differ.
  public static func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
  ) throws -> Tensor {
    guard a.rank == 2, b.rank == 2 else {
      throw TensorError.shapeMismatch("matmul needs matrices, got \(a.shape) and \(b.shape)")
    }
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let kb = transposeB ? b.shape[1] : b.shape[0]
    let n = transposeB ? b.shape[0] : b.shape[1]
    guard k == kb else {
      throw TensorError.shapeMismatch(
        "matmul of \(a.shape)\(transposeA ? "ᵀ" : "") and \(b.shape)\(transposeB ? "ᵀ" : "")")
    }
    return Tensor(shape: [m, n]) { out, _ in
      a.withPointer { pa in
        b.withPointer { pb in
          gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            a: pa, lda: a.shape[1], b: pb, ldb: b.shape[1], c: out, ldc: n)
        }
      }
    }
  }

  /// The Frobenius norm: the square root of the sum of squares of all elements.
  public func frobeniusNorm() -> Float {
    Float(withPointer { vectorDot($0, $0, count: count) }.squareRoot())
  }

  /// The largest singular value of this tensor seen as a matrix `[shape[0], rest]`, by power iteration.
  ///
  /// Returns the estimate and the left and right singular vectors `u`, `v`
  /// (so that `sigma = uᵀ W v`). The start vector is fixed by `seed`, so the
  /// result is deterministic; `iterations` rounds of `v <- Wᵀu, u <- W v` are run.
  public func spectralNorm(iterations: Int = 30, seed: UInt64 = 0) -> (sigma: Float, u: Tensor, v: Tensor) {
    precondition(rank >= 1 && count > 0, "spectral norm of an empty tensor")
    let rows = shape[0]
    let cols = count / rows
    let w = reshapedUnchecked([rows, cols])
    var generator = SeededGenerator(seed: seed)
    var u = Tensor(randomNormal: [rows, 1], generator: &generator)
    var v = Tensor(zeros: [cols, 1])
    func normalized(_ t: Tensor) -> Tensor {
      let norm = t.frobeniusNorm()
      return norm > 0 ? t * (1 / norm) : t
    }
    u = normalized(u)
    for _ in 0..<Swift.max(iterations, 1) {
      // Both products are matrix-vector products of fitting shapes by construction.
      v = normalized((try? Tensor.matmul(w, u, transposeA: true)) ?? v)
      u = normalized((try? Tensor.matmul(w, v)) ?? u)
    }
    let wv = (try? Tensor.matmul(w, v)) ?? u
    let sigma = Float(u.withPointer { pu in wv.withPointer { vectorDot(pu, $0, count: rows) } })
    return (sigma, u.reshapedUnchecked([rows]), v.reshapedUnchecked([cols]))
  }
}
