extension Variable {
  /// Softmax along the last axis.
  public func softmax() -> Variable {
    let y = value.softmax()
    let id = self.id
    return Variable.result(y, on: tape) { tape, g in
      tape.accumulate(Tensor.softmaxBackward(output: y, outputGradient: g), into: id)
    }
  }

  /// Log-softmax along the last axis.
  public func logSoftmax() -> Variable {
    let y = value.logSoftmax()
    let id = self.id
    return Variable.result(y, on: tape) { tape, g in
      tape.accumulate(Tensor.logSoftmaxBackward(output: y, outputGradient: g), into: id)
    }
  }

  /// Cross-entropy of these logits `[N, K]` against class labels (fused with log-softmax), shape `[]`.
  public func crossEntropy(labels: [Int], reduction: LossReduction = .mean) throws -> Variable {
    let (loss, probabilities) = try Tensor.crossEntropy(logits: value, labels: labels, reduction: reduction)
    let id = self.id
    let scale: Float = reduction == .mean ? 1 / Float(Swift.max(labels.count, 1)) : 1
    return Variable.result(Tensor(loss), on: tape) { tape, g in
      tape.accumulate(
        Tensor.crossEntropyBackward(probabilities: probabilities, labels: labels, scale: scale * g.scalar), into: id)
    }
  }

  /// Binary cross-entropy of these logits against targets of the same shape, with an optional positive weight.
  public func binaryCrossEntropy(targets: Tensor, positiveWeight: Tensor? = nil, reduction: LossReduction = .mean)
    throws -> Variable
  {
    let loss = try Tensor.binaryCrossEntropy(
      logits: value, targets: targets, positiveWeight: positiveWeight, reduction: reduction)
    let (id, z) = (self.id, value)
    let scale: Float = reduction == .mean ? 1 / Float(Swift.max(value.count, 1)) : 1
    return Variable.result(Tensor(loss), on: tape) { tape, g in
      tape.accumulate(
        Tensor.binaryCrossEntropyBackward(
          logits: z, targets: targets, positiveWeight: positiveWeight, scale: scale * g.scalar), into: id)
    }
  }

  /// Inverted dropout: zeroes each element with probability `p` and scales the rest by `1 / (1 - p)`.
  public func dropout(probability p: Float, generator: inout SeededGenerator) throws -> Variable {
    guard p >= 0, p < 1 else { throw TensorError.invalidArgument("dropout probability \(p) outside [0, 1)") }
    if p == 0 { return self }
    let keep = 1 / (1 - p)
    var maskScalars = [Float](repeating: 0, count: value.count)
    for i in 0..<maskScalars.count where generator.nextUniform() >= p { maskScalars[i] = keep }
    let mask = Tensor(shape: shape, scalars: maskScalars)
    let id = self.id
    return Variable.result(value * mask, on: tape) { tape, g in tape.accumulate(g * mask, into: id) }
  }
}
