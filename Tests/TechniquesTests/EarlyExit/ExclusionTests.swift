import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

@Suite("Early exit: class exclusion by hand")
struct ExclusionTests {
  /// Three classes, two exits; segments cost 100, 50, 30 MACs, each head 3.
  ///
  /// Sample 0 (label 2): exit 1 p = (0.9, 0.5, 0.6), β 0.6, bound 0.54: keeps {0, 2}, removes 1.
  /// Exit 2 p = (0.3, 0.9, 0.8), β 0.8, bound 0.72: keeps {1, 2}; with {0, 2}: {2}, so it stops
  /// with class 2 after 100 + 3 + 50 + 3 = 156 MACs.
  /// Sample 1 (label 2): exit 1 as sample 0; exit 2 p = (0.2, 0.9, 0.1) keeps {1}, which shares
  /// nothing with {0, 2}: nothing changes. Final logits (1, 5, 3): unmasked 1, masked 2; 186 MACs.
  /// Sample 2 (label 0): exit 1 p = (0.95, 0.1, 0.2): keeps {0} only and stops with 0 after 103 MACs.
  static let handScores = EEFixtures.scores(
    exits: [
      EEFixtures.sigmoidLogits([[0.9, 0.5, 0.6], [0.9, 0.5, 0.6], [0.95, 0.1, 0.2]]),
      EEFixtures.sigmoidLogits([[0.3, 0.9, 0.8], [0.2, 0.9, 0.1], [0.5, 0.5, 0.5]]),
    ], final: [[0, 0, 9], [1, 5, 3], [0, 4, 0]], labels: [2, 2, 0], segmentMACs: [100, 50, 30], headMACs: [3, 3])

  @Test func exclusionIntersectsAndStopsWhenOneClassIsLeft() throws {
    let outcomes = try Self.handScores.replay(.classExclusion(betas: [0.6, 0.8]))
    #expect(outcomes[0] == ExitOutcome(exit: 1, masked: 2, unmasked: 2, macs: 156, excluded: [1, 1], remaining: 1))
    #expect(outcomes[1] == ExitOutcome(exit: nil, masked: 2, unmasked: 1, macs: 186, excluded: [1, 0], remaining: 2))
    #expect(outcomes[2] == ExitOutcome(exit: 0, masked: 0, unmasked: 0, macs: 103, excluded: [2, nil], remaining: 1))
    let evaluation = try Self.handScores.evaluate(.classExclusion(betas: [0.6, 0.8]))
    #expect(evaluation.accuracy == 1)
    #expect(Swift.abs(evaluation.unmaskedAccuracy - 2.0 / 3) < 1e-12)
    #expect(Swift.abs(evaluation.averageMACs - (156 + 186 + 103) / 3.0) < 1e-9)
    #expect(Swift.abs(evaluation.macReduction - (1 - (156 + 186 + 103) / 3.0 / 180)) < 1e-9)
    #expect(evaluation.exits.map(\.reached) == [3, 2, 1])
    #expect(evaluation.exits.map(\.finished) == [1, 1, 1])
    #expect(evaluation.exits[0].meanExcluded == 4.0 / 3)
    #expect(evaluation.exits[1].meanExcluded == 0.5)
  }

  @Test func theTopClassAlwaysStaysAndBetaOneKeepsOnlyIt() throws {
    let z = EEFixtures.sigmoidLogits([[0.9, 0.89, 0.2]]).scalars
    let keptAtOne = z.withUnsafeBufferPointer { ExitPolicy.kept(logits: $0, beta: 1) }
    #expect(keptAtOne == [true, false, false])
    let keptLow = z.withUnsafeBufferPointer { ExitPolicy.kept(logits: $0, beta: 0.2) }
    #expect(keptLow == [true, true, true])
  }

  /// The logit-side test decides as the sigmoid does, near the bound and far from it, for bounds
  /// from nearly 0 to nearly 1 (where `1 − b` loses digits), including logits on the bound.
  @Test func theLogitSideBoundDecidesAsTheSigmoid() {
    var generator = SeededGenerator(seed: 7)
    var checked = 0
    for _ in 0..<2_000 {
      let top = Float.random(in: -30...40, using: &generator)
      let beta = [1, 0.999, 0.5, 0.01, Double.random(in: 1e-4...1, using: &generator)][Int.random(in: 0..<5, using: &generator)]
      let b = beta * ExitPolicy.sigmoid(top)
      let bound = ExitPolicy.Bound(b)
      var logits: [Float] = [top, top.nextDown, top.nextUp, -top, 0, 100, -100]
      if let logit = bound.logit {
        let z = Float(logit)
        logits += [z, z.nextUp, z.nextDown, z.nextUp.nextUp, z.nextDown.nextDown, z + 1e-3, z - 1e-3]
      }
      logits += (0..<8).map { _ in Float.random(in: -40...40, using: &generator) }
      for z in logits {
        #expect(bound.isExceeded(by: z) == (ExitPolicy.sigmoid(z) > b), "z \(z), bound \(b)")
        checked += 1
      }
    }
    #expect(checked > 30_000)
  }

  @Test func anExitThatIsOffRunsNoHeadAndRemovesNothing() throws {
    let outcomes = try Self.handScores.replay(.classExclusion(betas: [nil, 0.8]))
    // Sample 2: exit 2 p = (0.5, 0.5, 0.5): the top class (0, the first) stays, and 0.5 > 0.4 keeps the others.
    #expect(outcomes[2] == ExitOutcome(exit: nil, masked: 1, unmasked: 1, macs: 183, excluded: [nil, 0], remaining: 3))
    // Negative control: the same sample with exit 1 on stops there.
    #expect(try Self.handScores.replay(.classExclusion(betas: [0.6, 0.8]))[2].exit == 0)
  }

  @Test func confidenceStopsWhenTheTopSoftmaxExceedsTheThreshold() throws {
    // Two classes, logits (2, 0): top softmax 1 / (1 + e^-2) = 0.8808.
    let scores = EEFixtures.scores(
      exits: [Tensor(shape: [1, 2], scalars: [2, 0])], final: [[0, 1]], labels: [0], segmentMACs: [10, 20],
      headMACs: [1])
    #expect(try scores.replay(.confidence(threshold: 0.88))[0] == ExitOutcome(exit: 0, masked: 0, unmasked: 0, macs: 11, excluded: [0], remaining: 2))
    #expect(try scores.replay(.confidence(threshold: 0.89))[0] == ExitOutcome(exit: nil, masked: 1, unmasked: 1, macs: 31, excluded: [0], remaining: 2))
  }

  @Test func betaOutsideTheUnitIntervalIsRefused() {
    for beta in [0.0, -0.1, 1.5, .nan] {
      #expect(throws: EarlyExitError.self) { try Self.handScores.replay(.classExclusion(betas: [beta, 0.5])) }
    }
    #expect(throws: EarlyExitError.self) { try Self.handScores.replay(.classExclusion(betas: [0.5])) }
    #expect(throws: EarlyExitError.self) { try Self.handScores.replay(.confidence(threshold: 1.2)) }
  }
}
