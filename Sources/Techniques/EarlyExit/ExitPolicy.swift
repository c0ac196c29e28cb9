import Foundation

/// When a sample leaves the network early.
public enum ExitPolicy: Equatable, Sendable, Codable {
  /// Class exclusion (the paper): at exit `j`, with `p = sigmoid(z)`, class `k` stays iff it is the
  /// top class or `p_k > β_j · max p`; the kept set is intersected with the classes kept so far,
  /// and the sample stops when one class is left. `nil` turns an exit off (its head is not run).
  case classExclusion(betas: [Double?])
  /// The confidence baseline (CR): a sample stops at the first exit whose top softmax
  /// probability exceeds `threshold`, with that class.
  case confidence(threshold: Double)

  /// Checks the policy against `exits` heads: one β per exit, each in (0, 1]; a threshold in [0, 1].
  public func validate(exits: Int) throws {
    switch self {
    case .classExclusion(let betas):
      guard betas.count == exits else {
        throw EarlyExitError(.invalidSetting, "\(betas.count) β values for \(exits) exits; give one per exit (none turns one off)")
      }
      for (i, beta) in betas.enumerated() {
        guard let beta else { continue }
        guard beta > 0, beta <= 1 else {
          throw EarlyExitError(.invalidSetting, "β of exit \(i + 1) must be in (0, 1], got \(beta)")
        }
      }
    case .confidence(let threshold):
      guard threshold >= 0, threshold <= 1 else {
        throw EarlyExitError(.invalidSetting, "the confidence threshold must be in [0, 1], got \(threshold)")
      }
    }
  }

  /// Whether exit `j`'s head runs at all.
  public func isActive(_ j: Int) -> Bool {
    switch self {
    case .classExclusion(let betas): return j < betas.count && betas[j] != nil
    case .confidence: return true
    }
  }

  /// Applies exit `j` to one sample's head logits; `allowed` is the sample's class set so far
  /// (updated in place). Returns how many classes this exit removed and the class the sample
  /// stops with, if it stops.
  ///
  /// An exit whose kept set shares no class with `allowed` changes nothing (our reading: the
  /// sources do not say; an empty set could not be decided).
  public func apply(exit j: Int, logits: UnsafeBufferPointer<Float>, allowed: inout [Bool]) -> (
    excluded: Int, stop: Int?
  ) {
    allowed.withUnsafeMutableBufferPointer { apply(exit: j, logits: logits, allowed: $0) }
  }

  /// The same on one row of a flat table of allowed classes (`infer` keeps a batch's rows in one
  /// array, so a decision neither allocates nor copies a row).
  func apply(exit j: Int, logits: UnsafeBufferPointer<Float>, allowed: UnsafeMutableBufferPointer<Bool>) -> (
    excluded: Int, stop: Int?
  ) {
    switch self {
    case .classExclusion(let betas):
      guard j < betas.count, let beta = betas[j] else { return (0, nil) }
      // Without allocating (this runs once per sample and exit): the sigmoid is monotonic, so the
      // top class is the top logit, and a class stays iff its logit exceeds the bound's logit
      // (`Bound`: one exp and one log per sample instead of one exp per class); a first pass
      // counts the classes that would stay, a second keeps them.
      var top = 0
      for k in logits.indices where logits[k] > logits[top] { top = k }
      let bound = Bound(beta * Self.sigmoid(logits[top]))
      var before = 0
      var count = 0
      var last = -1
      for k in 0..<allowed.count where allowed[k] {
        before += 1
        if k == top || bound.isExceeded(by: logits[k]) {
          count += 1
          last = k
        }
      }
      guard count > 0 else { return (0, nil) }
      if count < before {
        for k in 0..<allowed.count where allowed[k] && k != top && !bound.isExceeded(by: logits[k]) { allowed[k] = false }
      }
      return (before - count, count == 1 ? last : nil)
    case .confidence(let threshold):
      let (top, confidence) = Self.topSoftmax(logits)
      return (0, confidence > threshold ? top : nil)
    }
  }

  /// The classes an exclusion head keeps: the top class, and every class with `sigmoid(z_k) > β · max sigmoid(z)`.
  public static func kept(logits: UnsafeBufferPointer<Float>, beta: Double) -> [Bool] {
    var top = 0
    for k in logits.indices where logits[k] > logits[top] { top = k }
    let bound = beta * sigmoid(logits[top])
    return logits.indices.map { $0 == top || sigmoid(logits[$0]) > bound }
  }

  /// The test `sigmoid(z) > b` for one bound `b` and many logits, decided on the logit side:
  /// `sigmoid(z) > b` iff `z > log(b / (1 − b))`. Where `z` lies within 1e-6 of that logit, or
  /// the bound is within 1e-6 of 1 (where `1 − b` loses digits), the sigmoid is taken and compared
  /// as written, so the answer is always the one `sigmoid(z) > b` gives in double precision: the
  /// logit is off by under 1e-9 there, and a sigmoid 1e-6 away in its argument differs from
  /// `b` by far more than its rounding.
  struct Bound {
    let value: Double
    let logit: Double?

    init(_ value: Double) {
      self.value = value
      logit = value > 0 && 1 - value >= 1e-6 ? Foundation.log(value / (1 - value)) : nil
    }

    func isExceeded(by z: Float) -> Bool {
      if let logit {
        let gap = Double(z) - logit
        if gap > 1e-6 { return true }
        if gap < -1e-6 { return false }
      }
      return ExitPolicy.sigmoid(z) > value
    }
  }

  /// The logistic sigmoid in double precision.
  static func sigmoid(_ z: Float) -> Double { 1 / (1 + exp(-Double(z))) }

  /// The top class of a softmax and its probability.
  public static func topSoftmax(_ logits: UnsafeBufferPointer<Float>) -> (top: Int, probability: Double) {
    var top = 0
    for k in logits.indices where logits[k] > logits[top] { top = k }
    let m = Double(logits[top])
    let sum = logits.reduce(0.0) { $0 + exp(Double($1) - m) }
    return (top, 1 / sum)
  }

  /// The class with the largest logit among `allowed` (all classes when `allowed` is nil); ties go to the lower index.
  public static func argmax(_ logits: UnsafeBufferPointer<Float>, allowed: [Bool]? = nil) -> Int {
    var best = -1
    for k in logits.indices where allowed?[k] ?? true {
      if best < 0 || logits[k] > logits[best] { best = k }
    }
    return Swift.max(best, 0)
  }
}
