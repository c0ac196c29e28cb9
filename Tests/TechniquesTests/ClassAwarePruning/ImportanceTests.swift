import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

@Suite("Class-aware pruning: filter importance")
struct ImportanceTests {
  /// Class 0: positive pixels (filter 0 alive), class 1: negative pixels (filter 1 alive), class 2: zeros.
  @Test func scoresCountTheClassesAFilterServesByHand() throws {
    let net = try CAPFixtures.signNetwork(classes: 3)
    let data = CAPFixtures.pixels(
      [[1, 0], [2, 0], [-1, 0], [-3, 0], [0, 0], [0, 0]], labels: [0, 0, 1, 1, 2, 2], classes: 3)
    let result = try ImportanceEstimator(imagesPerClass: 2).measure(net, on: data)
    let entry = try #require(result.layer("conv"))
    // Position 0 of filter 0 is alive for both class-0 images; nothing of it for the others.
    #expect(entry.perClass == [[1, 0], [0, 1], [0, 0]])
    #expect(entry.importance == [1, 1])
    #expect(result.classCount == 3)
    #expect(result.meanScore == 1)
  }

  @Test func scoreIsTheFractionOfImagesAndTheMaximumOverPositions() throws {
    let net = try CAPFixtures.signNetwork()
    // Class 0: one image wakes position 0, one position 1, two wake nothing: each position 1/4.
    // Class 1: three of four wake position 1 of filter 0.
    let data = CAPFixtures.pixels(
      [[1, 0], [0, 1], [0, 0], [0, 0], [0, 2], [0, 3], [0, 1], [0, -1]], labels: [0, 0, 0, 0, 1, 1, 1, 1], classes: 2)
    let entry = try #require(try ImportanceEstimator(imagesPerClass: 4).measure(net, on: data).layer("conv"))
    #expect(entry.perClass[0] == [0.25, 0])
    #expect(entry.perClass[1] == [0.75, 0.25])
    #expect(entry.importance == [1.0, 0.25])
  }

  @Test func theTwoAggregationOrdersDiffer() throws {
    let net = try CAPFixtures.signNetwork()
    // Class 0 wakes position 0 of filter 0, class 1 position 1 of filter 0.
    let data = CAPFixtures.pixels([[1, 0], [2, 0], [0, 1], [0, 2]], labels: [0, 0, 1, 1], classes: 2)
    let talk = try ImportanceEstimator(imagesPerClass: 2, aggregation: .maxThenSum).measure(net, on: data)
    let code = try ImportanceEstimator(imagesPerClass: 2, aggregation: .sumThenMax).measure(net, on: data)
    #expect(talk.layer("conv")?.importance == [2, 0])
    #expect(code.layer("conv")?.importance == [1, 0])
  }

  @Test func tauSeparatesSmallFromLargeTaylorTerms() throws {
    let net = try CAPFixtures.signNetwork()
    let data = CAPFixtures.pixels([[1e-3, 0], [5, 0]], labels: [0, 1], classes: 2)
    let loose = try ImportanceEstimator(imagesPerClass: 1).measure(net, on: data)
    #expect(loose.layer("conv")?.importance == [2, 0])
    // |a · dL/da| is below 1e-2 for the tiny pixel and well above it for the large one.
    let strict = try ImportanceEstimator(imagesPerClass: 1, tau: 1e-2).measure(net, on: data)
    #expect(strict.layer("conv")?.importance == [1, 0])
  }

  /// A dead activation (zero Taylor term) changes nothing when zeroed; a live one's Taylor term
  /// `a · dL/da` matches the finite-difference change of the loss when the activation is scaled.
  @Test func taylorTermsMatchFiniteDifferences() throws {
    let net = try CAPFixtures.smallCNN(seed: 4)
    let data = CAPFixtures.quadrants(count: 8, seed: 5)
    // Non-trivial running statistics, as in a trained network.
    for (name, p) in net.namedBuffers where name.hasSuffix("running_var") {
      p.value = Tensor(randomUniform: p.shape, lower: 0.5, upper: 1.5, seed: 6)
    }
    let result = try ImportanceEstimator(imagesPerClass: 2, layers: ["conv1", "conv2"]).measure(net, on: data)
    let sample = try ClassSample(from: data, count: 2, seed: 0)
    for layer in ["conv1", "conv2"] {
      let filters = try #require(net.layer(layer) as? Conv2d).outChannels
      var expected = [Double](repeating: 0, count: filters)
      for images in sample.perClass {
        for j in 0..<images.count {
          let one = images.subset([j])
          for f in 0..<filters {
            // d/dα L(a_f ← α a_f) at α = 1 is Σ_p a_p dL/da_p.
            func loss(_ alpha: Float) throws -> Double {
              let context = ForwardContext(training: false)
              context.hooks[layer] = { y in
                var scale = Tensor(ones: [1, filters, 1, 1])
                scale.scalars[f] = alpha
                return try Variable.combine(y, Variable(scale), .multiply)
              }
              let logits = try net.forward(Variable(one.inputs), context: context)
              return Double(try logits.crossEntropy(labels: one.labels, reduction: .sum).value.scalar)
            }
            let h: Float = 1e-2
            let derivative = (try loss(1 + h) - loss(1 - h)) / Double(2 * h)
            // conv1 sees 8x8 maps, conv2 4x4 (after one pool).
            let positions = layer == "conv1" ? 64 : 16
            expected[f] += Swift.abs(derivative) / Double(positions)
          }
        }
      }
      let norm = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
      let normalized = expected.map { $0 / norm }
      let measured = try #require(result.layer(layer)).taylor
      #expect(zip(measured, normalized).allSatisfy { Swift.abs($0 - $1) < 2e-2 }, "\(layer): \(measured) vs \(normalized)")
    }
    // Every weight's gradient is cleared again.
    #expect(net.parameters.allSatisfy { $0.gradient == nil })
  }

  @Test func samplingIsSeededAndPerClass() throws {
    let data = CAPFixtures.quadrants(count: 40, seed: 1)
    let a = try ClassSample(from: data, count: 3, seed: 9)
    let b = try ClassSample(from: data, count: 3, seed: 9)
    let c = try ClassSample(from: data, count: 3, seed: 10)
    #expect(a.perClass.map(\.labels) == [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 3, 3]])
    #expect(a.perClass.map(\.inputs.scalars) == b.perClass.map(\.inputs.scalars))
    #expect(a.perClass.map(\.inputs.scalars) != c.perClass.map(\.inputs.scalars))
    // A class with fewer examples gives all it has.
    #expect(try ClassSample(from: data, count: 50, seed: 1).exampleCount == 40)
  }

  @Test func rejectsAClassWithoutExamplesAndBadSettings() throws {
    let net = try CAPFixtures.signNetwork()
    let data = CAPFixtures.pixels([[1, 0], [2, 0]], labels: [0, 0], classes: 2)
    #expect(throws: ClassAwarePruningError.self) { try ImportanceEstimator().measure(net, on: data) }
    #expect(throws: ClassAwarePruningError.self) { try ImportanceEstimator(imagesPerClass: 0).validate() }
    #expect(throws: ClassAwarePruningError.self) { try ImportanceEstimator(tau: -1).validate() }
    #expect(throws: ClassAwarePruningError.self) {
      try ImportanceEstimator(layers: ["fc"]).scoredLayers(of: net)
    }
  }
}
