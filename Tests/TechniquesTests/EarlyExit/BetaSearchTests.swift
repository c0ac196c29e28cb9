import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

@Suite("Early exit: β and threshold search by hand")
struct BetaSearchTests {
  /// Two classes, two exits; the segment after exit 1 costs 5 MACs, the one after exit 2 costs 40,
  /// so exit 2 is searched first. `r` below is a sample's p(other) / p(top) at an exit: it stops
  /// there once β ≥ r (the other class is no longer above β · p(top)).
  ///
  /// Exit 2: A (label 0) top 0 correct, r = 0.305; B (label 0) top 1 wrong, r = 0.555;
  /// C (label 1) top 1 correct, r = 0.905. With tolerance 0 the accuracy (1 with the final layer
  /// alone) first falls at β = 0.56 (B stops wrong): back off two steps, β₂ = 0.54.
  /// Exit 1 (β₂ = 0.54 fixed): A top 0 correct r = 0.705; B top 0 correct r = 0.905;
  /// C top 0 wrong r = 0.805: the accuracy first falls at β = 0.81, so β₁ = 0.79.
  /// Then A stops at exit 1 (10 + 2 MACs); B and C run to the end (10 + 2 + 5 + 2 + 40 = 59).
  static let scores: ExitScores = {
    func row(top: Int, ratio: Double) -> [Double] { top == 0 ? [0.8, 0.8 * ratio] : [0.8 * ratio, 0.8] }
    return EEFixtures.scores(
      exits: [
        EEFixtures.sigmoidLogits([row(top: 0, ratio: 0.705), row(top: 0, ratio: 0.905), row(top: 0, ratio: 0.805)]),
        EEFixtures.sigmoidLogits([row(top: 0, ratio: 0.305), row(top: 1, ratio: 0.555), row(top: 1, ratio: 0.905)]),
      ], final: [[3, 0], [3, 0], [0, 3]], labels: [0, 0, 1], segmentMACs: [10, 5, 40], headMACs: [2, 2])
  }()

  @Test func visitsExitsByTheMACsAfterThemAndBacksOffTwoSteps() throws {
    #expect(BetaSearch.order(segmentMACs: [10, 5, 40]) == [1, 0])
    let result = try BetaSearch(tolerance: 0).run(on: Self.scores)
    #expect(result.order == [1, 0])
    #expect(result.originalAccuracy == 1)
    #expect(result.betas.count == 2)
    #expect(Swift.abs((result.betas[1] ?? 0) - 0.54) < 1e-9)
    #expect(Swift.abs((result.betas[0] ?? 0) - 0.79) < 1e-9)
    // 56 values tried at exit 2 (0.01 ... 0.56), then 81 at exit 1 (0.01 ... 0.81).
    #expect(result.trials.count == 56 + 81)
    #expect(result.trials.first?.exit == 1)
    #expect(result.trials[55].accepted == false && result.trials[54].accepted)
    #expect(result.accuracy == 1)
    #expect(Swift.abs(result.averageMACs - (12 + 59 + 59) / 3.0) < 1e-9)
    let outcomes = try Self.scores.replay(.classExclusion(betas: result.betas))
    #expect(outcomes.map(\.exit) == [0, nil, nil])
  }

  @Test func aLooserToleranceGivesLargerBetas() throws {
    // Negative control: with tolerance 0.4 one wrong sample of three is allowed, so exit 2 runs to 1
    // without failing below the next wrong stop.
    let loose = try BetaSearch(tolerance: 0.4).run(on: Self.scores)
    let tight = try BetaSearch(tolerance: 0).run(on: Self.scores)
    #expect((loose.betas[1] ?? 0) > (tight.betas[1] ?? 0))
  }

  @Test func anExitThatFailsAtOnceIsTurnedOff() throws {
    // Every sample's exit-2 top class is wrong at r = 0.005: β = 0.01 already fails, and backing
    // off two steps leaves no β.
    let scores = EEFixtures.scores(
      exits: [
        EEFixtures.sigmoidLogits([[0.8, 0.004], [0.8, 0.004]]),
        EEFixtures.sigmoidLogits([[0.004, 0.8], [0.004, 0.8]]),
      ], final: [[3, 0], [3, 0]], labels: [0, 0], segmentMACs: [10, 5, 40], headMACs: [2, 2])
    let result = try BetaSearch(tolerance: 0).run(on: scores)
    #expect(result.betas[1] == nil)
    #expect(result.trials.filter { $0.exit == 1 }.count == 1)
    // Exit 1 is right for both: it never fails, runs to β = 1 and keeps 0.99.
    #expect(Swift.abs((result.betas[0] ?? 0) - 0.99) < 1e-9)
  }

  @Test func thresholdSearchLowersTheThresholdAndBacksOffTwoSteps() throws {
    // One exit, two classes. A (label 0): confidence 0.955, right; B (label 0): 0.905, wrong.
    // Thresholds 0.99, 0.98, ...: B leaves (wrong) once the threshold is below 0.905, first at 0.90
    // (the 10th value); back off two steps: 0.92.
    func z(_ c: Double, top: Int) -> [Float] { top == 0 ? [EEFixtures.logit(c), 0] : [0, EEFixtures.logit(c)] }
    let scores = EEFixtures.scores(
      exits: [Tensor(shape: [2, 2], scalars: z(0.955, top: 0) + z(0.905, top: 1))], final: [[3, 0], [3, 0]],
      labels: [0, 0], segmentMACs: [10, 30], headMACs: [2])
    let result = try ThresholdSearch(tolerance: 0).run(on: scores)
    #expect(Swift.abs(result.threshold - 0.92) < 1e-9)
    #expect(result.trials.count == 10)
    #expect(result.accuracy == 1)
    #expect(Swift.abs(result.averageMACs - (12 + 42) / 2.0) < 1e-9)
  }

  @Test func settingsOutOfRangeAreRefused() {
    #expect(throws: EarlyExitError.self) { try BetaSearch(tolerance: -0.1) }
    #expect(throws: EarlyExitError.self) { try BetaSearch(tolerance: 0.01, start: 0) }
    #expect(throws: EarlyExitError.self) { try BetaSearch(tolerance: 0.01, step: 1.5) }
    #expect(throws: EarlyExitError.self) { try ThresholdSearch(tolerance: 0.01, step: 0) }
  }
}
