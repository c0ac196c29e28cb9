import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

/// Central finite differences of `f` at `x`, element by element, in Double.
private func numericalGradient(_ x: Tensor, step: Double = 1e-3, _ f: (Tensor) throws -> Double) rethrows -> [Double] {
  var result = [Double]()
  for i in 0..<x.count {
    var plus = x
    var minus = x
    plus.scalars[i] += Float(step)
    minus.scalars[i] -= Float(step)
    result.append((try f(plus) - f(minus)) / (2 * step))
  }
  return result
}

/// The tape gradient of a scalar function of one leaf.
private func tapeGradient(_ x: Tensor, _ f: (Variable) throws -> Variable) rethrows -> [Double] {
  let tape = Tape()
  let v = tape.variable(x)
  tape.backward(try f(v))
  return (tape.gradient(of: v)?.scalars ?? []).map(Double.init)
}

/// Whether `a` (analytic) matches `b` (numeric) element by element, relative to each numeric
/// element: `|a - b| <= tolerance * max(|b|, floor)`. The floor only covers elements whose
/// gradient is about zero, where the Float32 penalty differenced over 2e-3 has round-off of
/// 1e-4 to 2e-4 (so they are compared to `tolerance * 0.05`, 1e-3 for 2%); the tests scale
/// their weights so most gradients are far above the floor.
private func close(_ a: [Double], _ b: [Double], tolerance: Double, floor: Double = 5e-2) -> Bool {
  a.count == b.count && !a.isEmpty
    && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance * Swift.max(Swift.abs($1), floor) }
}

@Suite("Class-aware pruning: regularisation")
struct RegularizationTests {
  @Test func kernelOrthogonalityIsZeroForOrthonormalFiltersAndMatchesByHand() throws {
    // Two filters [2, 1, 1, 2]: rows (1, 0) and (0, 1) are orthonormal.
    let orthonormal = Tensor(shape: [2, 1, 1, 2], scalars: [1, 0, 0, 1])
    #expect(try Orthogonality.kernel(Variable(orthonormal)).value.scalar == 0)
    // Rows (1, 1) and (0, 2): K Kᵀ = [[2, 2], [2, 4]], minus I = [[1, 2], [2, 3]], norm sqrt(18).
    let w = Tensor(shape: [2, 1, 1, 2], scalars: [1, 1, 0, 2])
    let value = try Orthogonality.kernel(Variable(w)).value.scalar
    #expect(Swift.abs(Double(value) - 18.0.squareRoot()) < 1e-5)
  }

  @Test func kernelOrthogonalityUsesTheSmallerGramMatrixForWideLayers() throws {
    // Three filters of two inputs: K Kᵀ (3x3) has rank 2; Kᵀ K = [[1, 0], [0, 1]] for these rows.
    let w = Tensor(shape: [3, 2, 1, 1], scalars: [1, 0, 0, 1, 0, 0])
    #expect(try Orthogonality.kernel(Variable(w)).value.scalar == 0)
  }

  @Test func kernelOrthogonalityGradientMatchesFiniteDifferences() throws {
    let w = Tensor(randomNormal: [3, 2, 2, 2], standardDeviation: 0.5, seed: 7)
    let analytic = try tapeGradient(w) { try Orthogonality.kernel($0) }
    let numeric = try numericalGradient(w) { Double(try Orthogonality.kernel(Variable($0)).value.scalar) }
    #expect(close(analytic, numeric, tolerance: 2e-2))
  }

  @Test func convolutionalOrthogonalityIsZeroForOrthogonalDeltaKernels() throws {
    // Two 3x3 kernels over two channels, each a centred delta on its own channel:
    // their correlation is the identity at the centre shift and zero elsewhere.
    var w = Tensor(zeros: [2, 2, 3, 3])
    w.scalars[((0 * 2 + 0) * 3 + 1) * 3 + 1] = 1
    w.scalars[((1 * 2 + 1) * 3 + 1) * 3 + 1] = 1
    #expect(try Orthogonality.convolutional(Variable(w)).value.scalar == 0)
    // Both on channel 0: the off-diagonal centre entries are 1 (two of them): norm sqrt(2).
    var same = Tensor(zeros: [2, 2, 3, 3])
    same.scalars[((0 * 2 + 0) * 3 + 1) * 3 + 1] = 1
    same.scalars[((1 * 2 + 0) * 3 + 1) * 3 + 1] = 1
    let value = try Orthogonality.convolutional(Variable(same)).value.scalar
    #expect(Swift.abs(Double(value) - 2.0.squareRoot()) < 1e-5)
  }

  @Test func convolutionalOrthogonalityGradientMatchesFiniteDifferences() throws {
    let w = Tensor(randomNormal: [3, 2, 3, 3], standardDeviation: 0.4, seed: 8)
    let analytic = try tapeGradient(w) { try Orthogonality.convolutional($0) }
    let numeric = try numericalGradient(w) { Double(try Orthogonality.convolutional(Variable($0)).value.scalar) }
    #expect(close(analytic, numeric, tolerance: 2e-2))
  }

  @Test func l1PenaltyIsTheSumOfAbsoluteWeightsAndItsGradientTheSign() throws {
    let net = try CAPFixtures.signNetwork()
    let weights = PruningRegularization(l1: 1, orthogonality: 0, l1Scope: .weights)
    // conv: |1| + |-1|; fc: 0.5 + 0.3 + 0.8 + 0.2 + 0.4 + 0.7 + 0.6 + 0.9 = 4.4
    #expect(Swift.abs(try weights.value(for: net) - 6.4) < 1e-5)
    let fcBias = try #require(net.layer("fc") as? Linear).bias
    let all = PruningRegularization(l1: 1, orthogonality: 0, l1Scope: .allParameters)
    let biasSum = fcBias.map { $0.value.scalars.reduce(0) { $0 + Double(Swift.abs($1)) } } ?? 0
    #expect(Swift.abs(try all.value(for: net) - (6.4 + biasSum)) < 1e-5)

    let tape = Tape()
    let term = try #require(try PruningRegularization(l1: 0.5, orthogonality: 0).penalty(of: net) { tape.parameter($0) })
    tape.backward(term)
    let conv = try #require(net.layer("conv") as? Conv2d)
    #expect(conv.weight.gradient?.scalars == [0.5, -0.5])
    net.clearGradients()
  }

  /// The combined penalty's gradient on conv2, element by element to 1% of itself. The weights
  /// are scaled up (x4) and the weights of the penalty raised so that every element of the
  /// gradient is of order one: a zero, sign-flipped or scaled gradient cannot pass.
  @Test func fullPenaltyGradientMatchesFiniteDifferences() throws {
    let net = try CAPFixtures.smallCNN(seed: 3)
    let settings = PruningRegularization(l1: 0.5, orthogonality: 1, orthogonalityKind: .convolutional)
    let conv = try #require(net.layer("conv2") as? Conv2d)
    conv.weight.value = conv.weight.value * 4
    // |w| has a kink at 0: keep the probed weights away from it.
    for i in 0..<conv.weight.value.count where Swift.abs(conv.weight.value.scalars[i]) < 0.05 {
      conv.weight.value.scalars[i] = conv.weight.value.scalars[i] < 0 ? -0.05 : 0.05
    }
    let tape = Tape()
    let term = try #require(try settings.penalty(of: net) { tape.parameter($0) })
    tape.backward(term)
    let analytic = (conv.weight.gradient?.scalars ?? []).prefix(20).map { Double($0) }
    net.clearGradients()
    let original = conv.weight.value
    var numeric = [Double]()
    for i in 0..<20 {
      var plus = original
      var minus = original
      plus.scalars[i] += 1e-3
      minus.scalars[i] -= 1e-3
      let step = Double(plus.scalars[i]) - Double(minus.scalars[i])
      conv.weight.value = plus
      let up = try settings.value(for: net)
      conv.weight.value = minus
      let down = try settings.value(for: net)
      numeric.append((up - down) / step)
    }
    conv.weight.value = original
    #expect(numeric.allSatisfy { Swift.abs($0) > 0.1 }, "the gradient should be large: \(numeric)")
    #expect(close(analytic, numeric, tolerance: 1e-2), "analytic \(analytic)\nnumeric \(numeric)")
  }

  @Test func regularisedTrainingEndsWithASmallerPenaltyThanPlainTraining() throws {
    let data = CAPFixtures.quadrants(count: 64, seed: 1)
    let settings = PruningRegularization(l1: 1e-3, orthogonality: 0.05)
    var penalties = [Double]()
    for regularization in [PruningRegularization.none, settings] {
      let net = try CAPFixtures.smallCNN(seed: 2)
      let tuning = FineTuning(epochs: 3, learningRate: 0.05, weightDecay: 0, batchSize: 16, regularization: regularization)
      var batches = 0
      try tuning.run(net, on: data, task: "t") { _ in batches += 1 }
      #expect(batches == 12)
      penalties.append(try settings.value(for: net))
    }
    #expect(penalties[1] < penalties[0])
  }

  /// `addLoss([.l1, .orthogonality])` (what `train(..., penalties:)` does) trains bit for bit
  /// like the combined regulariser, and unlike plain cross-entropy (a control).
  @Test func lossTermsTrainLikeTheCombinedRegulariser() throws {
    let data = CAPFixtures.quadrants(count: 32, seed: 4)
    func trainedWeights(_ configure: (inout TrainingConfiguration) -> Void) throws -> [Float] {
      let net = try CAPFixtures.smallCNN(seed: 5)
      var configuration = TrainingConfiguration(epochs: 2, batchSize: 8, seed: 6)
      configure(&configuration)
      _ = try net.train(on: data, test: nil, configuration: configuration)
      return net.parameters.flatMap(\.value.scalars)
    }
    let combined = try trainedWeights {
      $0.extraLoss = PruningRegularization(l1: 1e-3, orthogonality: 0.05, orthogonalityKind: .convolutional).extraLoss
    }
    let terms = try trainedWeights { $0.addLoss([.l1(1e-3), .orthogonality(0.05, kind: .convolutional)]) }
    let plain = try trainedWeights { _ in }
    #expect(terms == combined)
    #expect(terms != plain)
  }

  @Test func rejectsNegativeWeights() {
    #expect(throws: ClassAwarePruningError.self) { try PruningRegularization(l1: -1).validate() }
    #expect(throws: ClassAwarePruningError.self) { try FineTuning(epochs: 1, learningRate: 0).validate() }
  }
}
