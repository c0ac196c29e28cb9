/// A filter bank correlated with itself, `conv2d(K, K)` at stride 1, as matrix products of the
/// filters' slices instead of a convolution over tiny planes.
///
/// Read `K [O, C, kh, kw]` as `O` images of `C` channels; `conv2d(K, K, padding: (ph, pw))` is
/// `R [O, O, 2ph + 1, 2pw + 1]` with `R[i, j, s] = Σ_q Σ_c K[i, c, q + s] K[j, c, q]` over the kernel
/// positions `q` where `q + s` also lies inside the kernel (shift `s = (a − ph, b − pw)` at output
/// `(a, b)`). With the filters stored position by position, `Kp [O, kh·kw, C]`, the positions of one
/// kernel row are adjacent, so each shift is at most `kh` products `[O, n·C] × [O, n·C]ᵀ`, and
/// `R_{−s} = R_sᵀ` halves the shifts to compute. The gradient is
/// `dK_P = Σ_s (dR_s + dR_{−s}ᵀ) K_{P−s}`, again one product per shift and kernel row. For a
/// 3x3 kernel at padding 1 this is 29 + 49 multiply-adds per filter pair and channel, where a
/// Winograd or im2col convolution spends 64 or 81 on the forward pass alone, each of its three
/// passes on 3x3 planes that fill none of its tiles (the class-aware pruning's orthogonality term).
enum SelfCorrelationKernels {
  /// `Kp[i][p][c] = k[i][c][p]`: the filters with each kernel position's channels adjacent.
  static func positionMajor(_ k: UnsafePointer<Float>, out o: Int, channels c: Int, positions: Int)
    -> UnsafeMutablePointer<Float>
  {
    let kp = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, o * positions * c))
    for i in 0..<o {
      for ch in 0..<c {
        for p in 0..<positions { kp[(i * positions + p) * c + ch] = k[(i * c + ch) * positions + p] }
      }
    }
    return kp
  }

  /// `r [O, O, 2ph + 1, 2pw + 1] = conv2d(k, k, stride 1, padding (ph, pw))` for `k [O, C, kh, kw]`.
  static func forward(
    _ k: UnsafePointer<Float>, out o: Int, channels c: Int, kernel: (Int, Int), padding: (Int, Int),
    into r: UnsafeMutablePointer<Float>
  ) {
    let (kh, kw) = kernel
    let (sh, sw) = (2 * padding.0 + 1, 2 * padding.1 + 1)
    let positions = kh * kw
    let ld = positions * c
    let kp = positionMajor(k, out: o, channels: c, positions: positions)
    let rs = UnsafeMutablePointer<Float>.allocate(capacity: o * o)
    defer {
      kp.deallocate()
      rs.deallocate()
    }
    for a in 0..<sh {
      for b in 0..<sw {
        let (sy, sx) = (a - padding.0, b - padding.1)
        // The other half of the shifts are the transposes of these.
        guard sy > 0 || (sy == 0 && sx >= 0) else { continue }
        // R_s = Σ over kernel rows u of Kp[:, (u + sy, v0 + sx ..< v1 + sx)] Kp[:, (u, v0 ..< v1)]ᵀ
        // (sy >= 0 here, so the rows are 0 ..< kh − sy).
        let (v0, v1) = (Swift.max(0, -sx), Swift.min(kw, kw - sx))
        var first = true
        if v1 > v0 {
          for u in 0..<Swift.max(0, kh - sy) {
            gemm(
              transposeA: false, transposeB: true, m: o, n: o, k: (v1 - v0) * c,
              a: kp + ((u + sy) * kw + v0 + sx) * c, lda: ld, b: kp + (u * kw + v0) * c, ldb: ld,
              beta: first ? 0 : 1, c: rs, ldc: o)
            first = false
          }
        }
        if first { rs.update(repeating: 0, count: o * o) }
        let (ma, mb) = (sh - 1 - a, sw - 1 - b)
        for i in 0..<o {
          for j in 0..<o {
            let value = rs[i * o + j]
            r[((i * o + j) * sh + a) * sw + b] = value
            if sy != 0 || sx != 0 { r[((j * o + i) * sh + ma) * sw + mb] = value }
          }
        }
      }
    }
  }

  /// `dk [O, C, kh, kw]` (overwritten) from `dr`, the gradient of `forward`'s result.
  static func backward(
    _ k: UnsafePointer<Float>, out o: Int, channels c: Int, kernel: (Int, Int), padding: (Int, Int),
    outputGradient dr: UnsafePointer<Float>, into dk: UnsafeMutablePointer<Float>
  ) {
    let (kh, kw) = kernel
    let (sh, sw) = (2 * padding.0 + 1, 2 * padding.1 + 1)
    let positions = kh * kw
    let ld = positions * c
    let kp = positionMajor(k, out: o, channels: c, positions: positions)
    let dkp = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, o * ld))
    dkp.initialize(repeating: 0, count: o * ld)
    let e = UnsafeMutablePointer<Float>.allocate(capacity: o * o)
    defer {
      kp.deallocate()
      dkp.deallocate()
      e.deallocate()
    }
    for a in 0..<sh {
      for b in 0..<sw {
        let (sy, sx) = (a - padding.0, b - padding.1)
        // Rows u and columns v0 ..< v1 where both P = (u, v) and P − s lie inside the kernel.
        let (u0, u1) = (Swift.max(0, sy), Swift.min(kh, kh + sy))
        let (v0, v1) = (Swift.max(0, sx), Swift.min(kw, kw + sx))
        guard u1 > u0, v1 > v0 else { continue }
        // E_s = dR_s + dR_{−s}ᵀ: K enters R_s as both operands.
        let (ma, mb) = (sh - 1 - a, sw - 1 - b)
        for i in 0..<o {
          for j in 0..<o {
            e[i * o + j] = dr[((i * o + j) * sh + a) * sw + b] + dr[((j * o + i) * sh + ma) * sw + mb]
          }
        }
        for u in u0..<u1 {
          gemm(
            transposeA: false, transposeB: false, m: o, n: (v1 - v0) * c, k: o, a: e, lda: o,
            b: kp + ((u - sy) * kw + v0 - sx) * c, ldb: ld, beta: 1, c: dkp + (u * kw + v0) * c, ldc: ld)
        }
      }
    }
    for i in 0..<o {
      for ch in 0..<c {
        for p in 0..<positions { dk[(i * c + ch) * positions + p] = dkp[(i * positions + p) * c + ch] }
      }
    }
  }
}
