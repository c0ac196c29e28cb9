/// How a loss combines the per-example (or per-element) terms.
public enum LossReduction: Sendable {
  /// The mean of the terms.
  case mean
  /// The sum of the terms.
  case sum
}

extension Tensor {
  /// Checks logits `[N, K]` against labels in `0..<K`.
  static func checkClassification(_ logits: [Int], _ labels: [Int]) throws {
    guard logits.count == 2 else { throw TensorError.shapeMismatch("logits must be [N, K], got \(logits)") }
    guard logits[0] == labels.count else {
      throw TensorError.shapeMismatch("\(labels.count) labels for \(logits[0]) rows of logits")
    }
    if let bad = labels.first(where: { !(0..<logits[1]).contains($0) }) {
      throw TensorError.invalidArgument("label \(bad) outside 0..<\(logits[1])")
    }
  }

  /// Cross-entropy of logits `[N, K]` against class labels, fused with log-softmax.
  ///
  /// Returns the loss and the softmax probabilities (the backward pass needs them).
  public static func crossEntropy(logits: Tensor, labels: [Int], reduction: LossReduction = .mean) throws -> (
    loss: Float, probabilities: Tensor
  ) {
    try checkClassification(logits.shape, labels)
    let logp = logits.logSoftmax()
    let width = logits.shape[1]
    var total = 0.0
    logp.withPointer { p in
      for (i, label) in labels.enumerated() { total -= Double(p[i * width + label]) }
    }
    if reduction == .mean { total /= Double(Swift.max(labels.count, 1)) }
    return (Float(total), logp.map(.exp))
  }

  /// The gradient of cross-entropy with respect to the logits: `(softmax - onehot) * scale`.
  static func crossEntropyBackward(probabilities: Tensor, labels: [Int], scale: Float) -> Tensor {
    let width = probabilities.shape[1]
    var g = probabilities * scale
    g.withMutablePointer { p in
      for (i, label) in labels.enumerated() { p[i * width + label] -= scale }
    }
    return g
  }

  /// Checks logits, targets (same shape) and a positive weight (one per class of the last axis, or one).
  static func checkBinary(_ logits: [Int], _ targets: [Int], _ positiveWeight: [Int]?) throws {
    guard logits == targets else {
      throw TensorError.shapeMismatch("targets \(targets) for logits \(logits)")
    }
    if let w = positiveWeight {
      let classes = logits.last ?? 1
      guard w.reduce(1, *) == 1 || w.reduce(1, *) == classes else {
        throw TensorError.shapeMismatch("pos_weight \(w) for logits \(logits)")
      }
    }
  }

  /// Binary cross-entropy with logits (a sigmoid per element), as PyTorch's `BCEWithLogitsLoss`.
  ///
  /// `positiveWeight` (one value, or one per class of the last axis) multiplies
  /// the positive terms: `-(pw * y * log s(z) + (1 - y) * log(1 - s(z)))`.
  public static func binaryCrossEntropy(
    logits: Tensor, targets: Tensor, positiveWeight: Tensor? = nil, reduction: LossReduction = .mean
  ) throws -> Float {
    try checkBinary(logits.shape, targets.shape, positiveWeight?.shape)
    let width = logits.shape.last ?? 1
    var total = 0.0
    logits.withPointer { z in
      targets.withPointer { y in
        for i in 0..<logits.count {
          let pw = positiveWeight.map { $0.count == 1 ? $0.scalars[0] : $0.scalars[i % width] } ?? 1
          // softplus(-z) = -log s(z), computed without overflow.
          let v = z[i]
          let softplusNeg = Swift.max(-v, 0) + _log1pf(_expf(-Swift.abs(v)))
          let term = (1 - y[i]) * v + (1 + (pw - 1) * y[i]) * softplusNeg
          total += Double(term)
        }
      }
    }
    if reduction == .mean { total /= Double(Swift.max(logits.count, 1)) }
    return Float(total)
  }

  /// The gradient of `binaryCrossEntropy` with respect to the logits, times `scale`.
  static func binaryCrossEntropyBackward(logits: Tensor, targets: Tensor, positiveWeight: Tensor?, scale: Float)
    -> Tensor
  {
    let width = logits.shape.last ?? 1
    let s = logits.map(.sigmoid)
    return Tensor(shape: logits.shape) { out, n in
      s.withPointer { ps in
        targets.withPointer { y in
          for i in 0..<n {
            let pw = positiveWeight.map { $0.count == 1 ? $0.scalars[0] : $0.scalars[i % width] } ?? 1
            // d/dz = (1 - y) + (1 + (pw - 1) y) (s(z) - 1)
            out[i] = scale * ((1 - y[i]) + (1 + (pw - 1) * y[i]) * (ps[i] - 1))
          }
        }
      }
    }
  }
}
