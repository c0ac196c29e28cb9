/// How two shapes broadcast (NumPy rules), collapsed to as few dimensions as possible.
///
/// Dimensions of extent 1 are dropped and neighbouring dimensions merged
/// whenever both operands step through them the same way, so the common cases
/// (same shape, tensor and scalar, NCHW and a `[1, C, 1, 1]` channel vector)
/// become one or two loops with a long contiguous inner run.
struct BroadcastPlan {
  /// The shape of the result.
  let shape: [Int]
  /// Extents of the collapsed dimensions, outermost first (at least one).
  let extents: [Int]
  /// Element strides of each operand through the collapsed dimensions (0 where broadcast).
  let stridesA: [Int]
  let stridesB: [Int]

  init(_ a: [Int], _ b: [Int]) throws {
    let rank = max(a.count, b.count)
    let pa = [Int](repeating: 1, count: rank - a.count) + a
    let pb = [Int](repeating: 1, count: rank - b.count) + b
    var shape = [Int](repeating: 1, count: rank)
    for d in 0..<rank {
      if pa[d] == pb[d] || pb[d] == 1 {
        shape[d] = pa[d]
      } else if pa[d] == 1 {
        shape[d] = pb[d]
      } else {
        throw TensorError.shapeMismatch("cannot broadcast shapes \(a) and \(b)")
      }
    }
    self.shape = shape
    // Contiguous strides of each operand, zeroed where it is broadcast.
    func strides(_ p: [Int]) -> [Int] {
      var s = [Int](repeating: 0, count: rank)
      var acc = 1
      for d in stride(from: rank - 1, through: 0, by: -1) {
        s[d] = p[d] == 1 ? 0 : acc
        acc *= p[d]
      }
      return s
    }
    let sa = strides(pa)
    let sb = strides(pb)
    var extents = [Int]()
    var ca = [Int]()
    var cb = [Int]()
    for d in 0..<rank where shape[d] != 1 {
      if let last = extents.last, let la = ca.last, let lb = cb.last,
        la == sa[d] * shape[d], lb == sb[d] * shape[d]
      {
        // The outer dimension steps exactly over the inner one in both operands: merge.
        extents[extents.count - 1] = last * shape[d]
        ca[ca.count - 1] = sa[d]
        cb[cb.count - 1] = sb[d]
      } else {
        extents.append(shape[d])
        ca.append(sa[d])
        cb.append(sb[d])
      }
    }
    if extents.isEmpty {
      extents = [1]
      ca = [0]
      cb = [0]
    }
    self.extents = extents
    self.stridesA = ca
    self.stridesB = cb
  }

  /// Calls `body(offsetA, offsetB, offsetOut)` for each inner run of `extents.last` elements.
  @inline(__always)
  func forEachRun(_ body: (Int, Int, Int) -> Void) {
    let inner = extents[extents.count - 1]
    let outer = extents.count - 1
    if outer == 0 {
      body(0, 0, 0)
      return
    }
    var index = [Int](repeating: 0, count: outer)
    var offA = 0
    var offB = 0
    var offOut = 0
    let runs = extents[0..<outer].reduce(1, *)
    for _ in 0..<runs {
      body(offA, offB, offOut)
      offOut += inner
      // Odometer increment of the outer index.
      var d = outer - 1
      while d >= 0 {
        index[d] += 1
        offA += stridesA[d]
        offB += stridesB[d]
        if index[d] < extents[d] { break }
        offA -= stridesA[d] * extents[d]
        offB -= stridesB[d] * extents[d]
        index[d] = 0
        d -= 1
      }
    }
  }
}

extension Tensor {
  /// The shape two tensors broadcast to, or an error naming both shapes.
  public static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
    try BroadcastPlan(a, b).shape
  }

  /// Sums this tensor down to `target`, a shape it was broadcast from (the adjoint of broadcasting).
  public func summed(toShape target: [Int]) -> Tensor {
    if target == shape { return self }
    guard let plan = try? BroadcastPlan(shape, target), plan.shape == shape else {
      preconditionFailure("\(target) does not broadcast to \(shape)")
    }
    var result = Tensor(zeros: target)
    let inner = plan.extents[plan.extents.count - 1]
    let innerStride = plan.stridesB[plan.stridesB.count - 1]
    withPointer { g in
      result.withMutablePointer { r in
        plan.forEachRun { offG, offR, _ in
          if innerStride == 0 {
            r[offR] += Float(vectorSum(g + offG, count: inner))
          } else {
            addInPlace(r + offR, g + offG, count: inner)
          }
        }
      }
    }
    return result
  }
}
