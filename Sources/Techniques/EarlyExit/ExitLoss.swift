import NeuralNetwork
import Tensor

/// How the exit heads are trained.
public enum ExitLossKind: Equatable, Sendable {
  /// Class exclusion (the paper): one binary classifier per class, `BCEWithLogits(z, one-hot)`
  /// with `positiveWeight` on the positives (`nil`: the authors' `4(K − 1)`, 36 for 10 classes).
  case classExclusion(positiveWeight: Double?)
  /// The confidence baseline (CR): cross-entropy of each head's softmax.
  case confidence
}

extension MultiExitModel {
  /// The positive weight the authors' code uses for `classes` classes: `4(K − 1)`.
  public static func defaultPositiveWeight(classes: Int) -> Double { Double(4 * (classes - 1)) }

  /// The weight of exit `i` (1-based) of `n`: `1 / (n − i + 1)`, so deeper exits weigh more.
  public static func exitWeight(_ i: Int, of n: Int) -> Double { 1 / Double(n - i + 1) }

  /// `Σᵢ 1/(N−i+1) · loss(zᵢ)` over the heads' logits, on their tape: the exits' part of the
  /// combined loss (the trainer adds the final layer's cross-entropy).
  public func exitLoss(_ logits: [Variable], labels: [Int], kind: ExitLossKind) throws -> Variable? {
    guard labels.allSatisfy({ (0..<classCount).contains($0) }) else {
      throw EarlyExitError(.invalidData, "labels must be classes 0..<\(classCount)")
    }
    let n = logits.count
    var total: Variable?
    for (index, z) in logits.enumerated() {
      let term: Variable
      switch kind {
      case .classExclusion(let positiveWeight):
        let weight = positiveWeight ?? Self.defaultPositiveWeight(classes: classCount)
        term = try z.binaryCrossEntropy(
          targets: Tensor(oneHot: labels, classCount: classCount), positiveWeight: Tensor(Float(weight)))
      case .confidence:
        term = try z.crossEntropy(labels: labels)
      }
      let weighted = term * Float(Self.exitWeight(index + 1, of: n))
      total = total.map { $0 + weighted } ?? weighted
    }
    return total
  }
}

extension LossTerm {
  /// The exit heads' loss for `train(..., penalties: [...])`: with the trainer's cross-entropy of
  /// the final layer, `CE(final) + Σᵢ 1/(N−i+1) · BCEWithLogits(zᵢ, one-hot, pos_weight)` for
  /// class exclusion, or the same weights over each head's cross-entropy for CR.
  ///
  /// The term taps the exits' layers and trains the heads' parameters with the model's.
  public static func exitHeads(_ model: MultiExitModel, kind: ExitLossKind) -> LossTerm {
    let what: String
    switch kind {
    case .classExclusion(let w):
      let weight = w ?? MultiExitModel.defaultPositiveWeight(classes: model.classCount)
      let shown = weight == weight.rounded() && abs(weight) < 1e9 ? "\(Int(weight))" : "\(weight)"
      what = "Σ 1/(N−i+1) · BCE(exit i, pos_weight \(shown))"
    case .confidence:
      what = "Σ 1/(N−i+1) · CE(exit i)"
    }
    return LossTerm(what, taps: Set(model.exitNames), parameters: model.headParameters) { step in
      guard step.model === model.backbone else {
        throw EarlyExitError(
          .invalidData, "the exit loss belongs to model '\(model.backbone.name)' with exits; it cannot train another model")
      }
      return try model.exitLoss(
        model.headLogits(step.activations, context: step.context), labels: step.labels, kind: kind)
    }
  }
}
