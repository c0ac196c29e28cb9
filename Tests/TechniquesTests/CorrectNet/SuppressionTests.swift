import Foundation
import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

/// Central finite differences, in Double, of a scalar function of one tensor.
private func finiteDifferences(_ x: Tensor, step: Float = 1e-2, _ f: (Tensor) throws -> Double) rethrows -> [Double] {
  var result = [Double]()
  for i in 0..<x.count {
    var plus = x
    var minus = x
    plus.scalars[i] += step
    minus.scalars[i] -= step
    let applied = Double(plus.scalars[i]) - Double(minus.scalars[i])
    result.append((try f(plus) - f(minus)) / applied)
  }
  return result
}

/// Whether `a` matches `b` within `tolerance` relative to the largest element of `b`.
private func agree(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
  let scale = Swift.max(b.map(Swift.abs).max() ?? 0, 1e-9)
  return a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) / scale <= tolerance }
}

@Suite("CorrectNet: error suppression")
struct SuppressionTests {
  @Test func lambdaMatchesTheFormulaWorkedByHand() throws {
    // σ = 0.5: e^{0.125} = 1.133148, √((e^{0.25} − 1) e^{0.25}) = 0.603900, bound 1.133148 + 1.811702 = 2.944850.
    let bound = try LipschitzBound(sigma: 0.5, k: 0.9)
    #expect(Swift.abs(bound.factorBound - 2.944850) < 1e-6)
    #expect(Swift.abs(bound.lambda - 0.9 / 2.944850) < 1e-6)
    #expect(Swift.abs(bound.lambda - 0.305618) < 1e-6)
    // σ = 0.1, k = 0.5: bound 1.307272, λ = 0.382476.
    #expect(Swift.abs(try LipschitzBound(sigma: 0.1, k: 0.5).lambda - 0.382476) < 1e-6)
    // No variation: e^θ = 1 exactly, so λ = k.
    #expect(try LipschitzBound(sigma: 0, k: 0.7).lambda == 0.7)
  }

  @Test func badSettingsAreRefusedWithTheirValues() {
    #expect(throws: CorrectNetError(.invalidSetting, "sigma must be a finite number >= 0, got -0.1")) {
      try LipschitzBound(sigma: -0.1, k: 0.9)
    }
    #expect(throws: CorrectNetError(.invalidSetting, "k must be between 0 and 1 (exclusive; the bound needs k < 1), got 1.0")) {
      try LipschitzBound(sigma: 0.2, k: 1)
    }
    #expect(throws: CorrectNetError.self) { try LipschitzBound(sigma: .nan, k: 0.5) }
    #expect(throws: CorrectNetError.self) { try LipschitzBound(sigma: 0.2, k: 0) }
    #expect(throws: CorrectNetError.self) { try LossTerm.lipschitz(0.1, sigma: 0.2, k: 1.5) }
    #expect(throws: CorrectNetError.self) { try LossTerm.lipschitz(-1, sigma: 0.2, k: 0.5) }
  }

  @Test func termMatchesByHandAndUsesTheSmallerGramMatrix() throws {
    // W = diag(1, 2): WᵀW − I = diag(0, 3), squared norm 9.
    let square = Tensor(shape: [2, 2], scalars: [1, 0, 0, 2])
    #expect(try LipschitzRegularization.term(Variable(square), lambda: 1).value.scalar == 9)
    // Wide 2 × 3 with orthonormal rows: WWᵀ = I exactly, so the term is 0 (WᵀW − I would be 1).
    let wide = Tensor(shape: [2, 3], scalars: [1, 0, 0, 0, 1, 0])
    #expect(try LipschitzRegularization.term(Variable(wide), lambda: 1).value.scalar == 0)
    // Tall 3 × 2 (as a conv [3, 2, 1, 1]) with orthonormal columns: WᵀW = I.
    let tall = Tensor(shape: [3, 2, 1, 1], scalars: [1, 0, 0, 1, 0, 0])
    #expect(try LipschitzRegularization.term(Variable(tall), lambda: 1).value.scalar == 0)
    // λ = 0.5: diag(1, 4) − 0.25 I = diag(0.75, 3.75): 0.5625 + 14.0625.
    #expect(Swift.abs(try LipschitzRegularization.term(Variable(square), lambda: 0.5).value.scalar - 14.625) < 1e-5)
  }

  @Test(arguments: [[3, 2, 2, 2], [2, 5], [6, 1, 1, 2]])
  func gradientAgreesWithFiniteDifferences(_ shape: [Int]) throws {
    let w = Tensor(randomNormal: shape, standardDeviation: 0.7, seed: 5)
    let lambda = 0.4
    let tape = Tape()
    let leaf = tape.variable(w)
    tape.backward(try LipschitzRegularization.term(leaf, lambda: lambda))
    let analytic = (tape.gradient(of: leaf)?.scalars ?? []).map { Double($0) }
    let numeric = try finiteDifferences(w) { x in
      Double(try LipschitzRegularization.term(Variable(x), lambda: lambda).value.scalar)
    }
    #expect(agree(analytic, numeric, tolerance: 2e-2))
    // Negative control: the check fails a gradient that is off by a factor, or of another function.
    #expect(!agree(analytic.map { $0 * 1.2 }, numeric, tolerance: 2e-2))
    let normOnly = Tape()
    let other = normOnly.variable(w)
    normOnly.backward(other.squared().sum())
    #expect(!agree((normOnly.gradient(of: other)?.scalars ?? []).map { Double($0) }, numeric, tolerance: 2e-2))
  }

  @Test func modelPenaltySumsEveryConvolutionAndLinearLayer() throws {
    let model = try AnalogFixtures.smallNetwork()
    let settings = try LipschitzRegularization(beta: 0.5, bound: LipschitzBound(sigma: 0.3, k: 0.8))
    var expected = 0.0
    for (_, weight) in LipschitzRegularization.weights(of: model) {
      expected += Double(try LipschitzRegularization.term(Variable(weight.value), lambda: settings.bound.lambda).value.scalar)
    }
    #expect(LipschitzRegularization.weights(of: model).map(\.path) == ["conv", "fc1", "fc2"])
    #expect(Swift.abs(try settings.value(for: model) - 0.5 * expected) <= 1e-4 * expected)
  }

  @Test func trainingWithThePenaltyBringsSpectralNormsTowardsLambda() throws {
    let data = AnalogFixtures.quadrants(count: 200, seed: 1)
    let plain = try AnalogFixtures.smallNetwork()
    let suppressed = try AnalogFixtures.smallNetwork()
    let base = TrainingConfiguration(epochs: 3, batchSize: 16, optimizer: .sgd(learningRate: 0.05, momentum: 0.9), seed: 2)
    try plain.train(on: data, configuration: base)
    var configuration = base
    configuration.addLoss([try .lipschitz(0.1, sigma: 0.5, k: 0.9)])
    try suppressed.train(on: data, configuration: configuration)
    let lambda = try LipschitzBound(sigma: 0.5, k: 0.9).lambda
    let before = try WeightSpectrum.of(plain).map { Swift.abs($0.largestSingularValue - lambda) }
    let after = try WeightSpectrum.of(suppressed).map { Swift.abs($0.largestSingularValue - lambda) }
    #expect(after.reduce(0, +) < before.reduce(0, +))
  }
}
