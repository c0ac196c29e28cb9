import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

@Suite("Class-aware pruning: surgery and the pruning loop")
struct PruningTests {
  /// Removing filters keeps the outputs of the filters that stay, in VGG-small and in a ResNet.
  @Test(arguments: ["vgg", "resnet"])
  func surgeryKeepsTheOutputsOfUnprunedFilters(kind: String) throws {
    let net = kind == "vgg"
      ? try Model.vggSmall(width: 0.0625, inputShape: [1, 16, 16], seed: 1)
      : try Model.resnet(depth: 8, width: 0.5, inputShape: [1, 16, 16], seed: 1)
    // Running means near 0, so the units stay alive; variances around 1.
    for (name, p) in net.namedBuffers {
      let mean = name.hasSuffix("running_mean")
      p.value = Tensor(randomUniform: p.shape, lower: mean ? -0.2 : 0.5, upper: mean ? 0.2 : 1.5, seed: 2)
    }
    let layers = net.prunableConvolutions
    #expect(!layers.isEmpty)
    if kind == "resnet" { #expect(layers.allSatisfy { $0.hasSuffix(".conv1") }) }
    let x = Tensor(randomNormal: [2, 1, 16, 16], seed: 3)
    func taps(_ m: Model) throws -> [String: Tensor] {
      let context = ForwardContext(training: false)
      context.taps = Set(layers)
      _ = try m.forward(Variable(x), context: context)
      return context.activations.mapValues(\.value)
    }
    let before = try taps(net)
    // Remove filter 1 of the first scored layer only: the others see different inputs afterwards.
    let target = layers[0]
    let count = try #require(net.layer(target) as? Conv2d).outChannels
    try net.removeFilters([1], from: target)
    let after = try taps(net)
    let kept = (0..<count).filter { $0 != 1 }
    let old = try CAPFixtures.channels(try #require(before[target]), kept)
    #expect(CAPFixtures.maxDifference(old, try #require(after[target]).scalars) < 1e-5)
    #expect(NetworkCost(of: net).filters(of: target) == count - 1)
  }

  @Test func prunesFineTunesAndRecordsEveryRound() throws {
    let train = CAPFixtures.quadrants(count: 96, seed: 1)
    let test = CAPFixtures.quadrants(count: 48, seed: 2)
    let net = try CAPFixtures.smallCNN(seed: 3)
    try net.train(on: train, configuration: FineTuning(epochs: 2, learningRate: 0.05, batchSize: 16).configuration())
    let original = NetworkCost(of: net)
    // A threshold above every possible score (4 classes) removes up to 2 filters per layer per round.
    let pruner = ClassAwarePruner(
      estimator: ImportanceEstimator(imagesPerClass: 4),
      selection: PruningSelection(threshold: 5, maxPerLayer: 2, minimumKept: 3),
      fineTuning: FineTuning(epochs: 1, learningRate: 0.02, batchSize: 16), maxRounds: 5)
    var tasks = Set<String>()
    let result = try pruner.run(net, train: train, test: test) { tasks.insert($0.task) }
    // conv1 6 -> 4 -> 3, conv2 8 -> 6 -> 4 -> 3: three rounds, then every layer is at its minimum.
    #expect(result.rounds.map(\.round) == [0, 1, 2, 3])
    #expect(result.rounds.map(\.removed) == [0, 4, 3, 1])
    #expect(result.stopReason == .nothingRemovable)
    #expect(result.final.cost.filters == [LayerFilters(layer: "conv1", count: 3), LayerFilters(layer: "conv2", count: 3)])
    #expect(result.model.parameterCount == result.final.cost.parameters)
    #expect(result.final.cost.macs < original.macs)
    #expect(zip(result.rounds, result.rounds.dropFirst()).allSatisfy { $1.cost.macs < $0.cost.macs })
    #expect(result.fineTuneEpochs == 3)
    // The network handed in is untouched.
    #expect(NetworkCost(of: net) == original)
    #expect(result.finalImportance.layers.map(\.filterCount) == [3, 3])
    #expect(tasks.contains("round 1: fine-tune") && tasks.contains("round 0: importance"))
  }

  @Test func stopsWhenNoFilterIsBelowTheThreshold() throws {
    let train = CAPFixtures.quadrants(count: 48, seed: 1)
    let net = try CAPFixtures.smallCNN(seed: 3)
    let pruner = ClassAwarePruner(selection: PruningSelection(threshold: 0), fineTuning: FineTuning(epochs: 1))
    let result = try pruner.run(net, train: train, test: train)
    #expect(result.rounds.count == 1)
    #expect(result.stopReason == .noFilterBelowThreshold)
    #expect(result.initialImportance == result.finalImportance)
  }

  @Test func undoesTheRoundThatFallsBelowTheFloor() throws {
    let train = CAPFixtures.quadrants(count: 48, seed: 1)
    let net = try CAPFixtures.smallCNN(seed: 3)
    let pruner = ClassAwarePruner(
      estimator: ImportanceEstimator(imagesPerClass: 2), selection: PruningSelection(threshold: 5, minimumKept: 1),
      fineTuning: FineTuning(epochs: 1, learningRate: 0.01, batchSize: 16), maxRounds: 3, accuracyFloor: 1)
    let result = try pruner.run(net, train: train, test: train)
    // Pruning every filter but one cannot keep perfect accuracy on four classes.
    #expect(result.rounds.count == 2)
    #expect(result.rounds[1].accepted == false)
    #expect(result.stopReason == .accuracyFloor)
    #expect(result.final.round == 0)
    #expect(NetworkCost(of: result.model) == NetworkCost(of: net))
    #expect(result.fineTuneEpochs == 0)
  }
}
