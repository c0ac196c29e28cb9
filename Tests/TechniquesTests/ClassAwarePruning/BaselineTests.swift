import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

@Suite("Class-aware pruning: baselines")
struct BaselineTests {
  /// A network whose conv1 filters have known L1 norms, one of them dead (all zero).
  static func handMade() throws -> Model {
    let net = try CAPFixtures.smallCNN(seed: 5)
    let conv = try #require(net.layer("conv1") as? Conv2d)
    var w = conv.weight.value
    // Filter f gets weights of magnitude (f + 1) / 10, filter 2 none at all.
    for f in 0..<6 { for i in 0..<9 { w.scalars[f * 9 + i] = (i % 2 == 0 ? 1 : -1) * Float(f + 1) / 10 } }
    for i in 0..<9 { w.scalars[2 * 9 + i] = 0 }
    conv.weight.value = w
    conv.bias?.value.scalars[2] = 0
    // Batch norm turns a constant-zero channel into zero too.
    (net.layer("bn1") as? BatchNorm)?.bias.value.scalars[2] = 0
    return net
  }

  @Test func l1RemovesTheSmallestNormFilters() throws {
    let net = try Self.handMade()
    let data = CAPFixtures.quadrants(count: 16, seed: 1)
    let plan = try BaselinePruner(criterion: .l1).plan(
      for: net, targets: [LayerFilters(layer: "conv1", count: 3)], data: data)
    // Norms: 0.9, 1.8, 0, 3.6, 4.5, 5.4: filters 2, 0, 1 go.
    #expect(plan.map(\.layer) == ["conv1"])
    #expect(plan.map(\.filters) == [[0, 1, 2]])
  }

  @Test func taylorRemovesTheDeadFilterFirst() throws {
    let net = try Self.handMade()
    let data = CAPFixtures.quadrants(count: 16, seed: 1)
    let scores = try BaselineCriterion.taylor.scores(of: net, layers: ["conv1"], data: data, imagesPerClass: 2)
    let s = try #require(scores["conv1"])
    #expect(s[2] == 0)
    #expect(s.enumerated().allSatisfy { $0.offset == 2 || $0.element > 0 })
    let plan = try BaselinePruner(criterion: .taylor, imagesPerClass: 2).plan(
      for: net, targets: [LayerFilters(layer: "conv1", count: 5)], data: data)
    #expect(plan.map(\.filters) == [[2]])
  }

  @Test func randomIsSeededAndHitsTheCounts() throws {
    let net = try Self.handMade()
    let data = CAPFixtures.quadrants(count: 16, seed: 1)
    let targets = [LayerFilters(layer: "conv1", count: 2), LayerFilters(layer: "conv2", count: 5)]
    let a = try BaselinePruner(criterion: .random, seed: 1).plan(for: net, targets: targets, data: data)
    let b = try BaselinePruner(criterion: .random, seed: 1).plan(for: net, targets: targets, data: data)
    let c = try BaselinePruner(criterion: .random, seed: 2).plan(for: net, targets: targets, data: data)
    #expect(a.map(\.filters) == b.map(\.filters))
    #expect(a.map(\.filters) != c.map(\.filters))
    #expect(a.map(\.filters.count) == [4, 3])
  }

  @Test func runReachesTheSameArchitectureAndFineTunes() throws {
    let train = CAPFixtures.quadrants(count: 64, seed: 1)
    let net = try Self.handMade()
    let targets = [LayerFilters(layer: "conv1", count: 4), LayerFilters(layer: "conv2", count: 5)]
    var batches = 0
    let result = try BaselinePruner(criterion: .l1, fineTuning: FineTuning(epochs: 1, batchSize: 16)).run(
      net, targets: targets, train: train, test: train, epochs: 2
    ) { p in if p.task.hasSuffix("fine-tune") { batches += 1 } }
    #expect(result.cost.filters == targets)
    #expect(result.removed == 5)
    #expect(result.fineTuneEpochs == 2)
    #expect(batches == 8)
    #expect(NetworkCost(of: net).filters(of: "conv1") == 6)
  }

  @Test func fineTuningRunsInChunksLikeTheRounds() throws {
    let train = CAPFixtures.quadrants(count: 64, seed: 1)
    let net = try Self.handMade()
    let targets = [LayerFilters(layer: "conv1", count: 4)]
    var starts = 0
    var batches = 0
    let pruner = BaselinePruner(criterion: .random, fineTuning: FineTuning(epochs: 1, batchSize: 16, schedule: .cosine(minimum: 0)))
    let chunked = try pruner.run(net, targets: targets, train: train, test: train, epochs: 3, epochsPerRun: 2) { p in
      guard p.task.hasSuffix("fine-tune") else { return }
      batches += 1
      if p.done == 1 { starts += 1 }
    }
    // Runs of 2 and 1 epochs: two starts, 12 batches in all.
    #expect(starts == 2)
    #expect(batches == 12)
    let whole = try pruner.run(net, targets: targets, train: train, test: train, epochs: 3)
    #expect(whole.model.parameterCount == chunked.model.parameterCount)
    #expect(whole.model.namedTensors.map(\.tensor.scalars) != chunked.model.namedTensors.map(\.tensor.scalars))
    #expect(throws: ClassAwarePruningError.self) {
      try pruner.run(net, targets: targets, train: train, test: train, epochs: 3, epochsPerRun: 0)
    }
  }

  @Test func rejectsImpossibleTargets() throws {
    let net = try Self.handMade()
    let data = CAPFixtures.quadrants(count: 8, seed: 1)
    #expect(throws: ClassAwarePruningError.self) {
      try BaselinePruner(criterion: .l1).plan(for: net, targets: [LayerFilters(layer: "conv1", count: 0)], data: data)
    }
    #expect(throws: ClassAwarePruningError.self) {
      try BaselinePruner(criterion: .l1).plan(for: net, targets: [LayerFilters(layer: "fc", count: 2)], data: data)
    }
  }
}
