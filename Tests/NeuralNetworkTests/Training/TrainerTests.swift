import Testing

@testable import NeuralNetwork
@testable import Tensor

struct Interrupted: Error {}

@Suite("Training")
struct TrainerTests {
  @Test func mlpLearnsBlobs() throws {
    let train = blobs(count: 150, seed: 1)
    let test = blobs(count: 60, seed: 2)
    let net = try Model.mlp(sizes: [2, 16, 3], seed: 3)
    let history = try net.train(
      on: train, test: test,
      configuration: TrainingConfiguration(epochs: 10, batchSize: 16, optimizer: .sgd(learningRate: 0.1, momentum: 0.9))
    )
    #expect(history.epochs.count == 10)
    #expect((history.last?.testAccuracy ?? 0) >= 0.95)
    #expect(history.epochs[9].loss < history.epochs[0].loss)
  }

  @Test func cnnLearnsQuadrantsWithAugmentationAndCosineSchedule() throws {
    let train = quadrants(count: 128, seed: 4)
    let test = quadrants(count: 64, seed: 5)
    let net = try tinyCNN(seed: 6)
    let config = TrainingConfiguration(
      epochs: 6, batchSize: 16, optimizer: .adam(learningRate: 0.01), schedule: .cosine(minimum: 0.001),
      augmentation: Augmentation(cropPadding: 1))
    let history = try net.train(on: train, test: test, configuration: config)
    #expect((history.last?.testAccuracy ?? 0) >= 0.9)
    #expect(history.epochs[0].learningRate == 0.01)
    #expect(history.epochs[5].learningRate < 0.01)
    let evaluation = try net.evaluate(on: test)
    #expect(evaluation.confusionMatrix.flatMap { $0 }.reduce(0, +) == 64)
    #expect(evaluation.perClassAccuracy.count == 4)
    #expect(Swift.abs(evaluation.accuracy - (history.last?.testAccuracy ?? -1)) < 1e-12)
  }

  @Test func sameSeedSameRunDifferentSeedDifferentRun() throws {
    func run(_ seed: UInt64) throws -> ([Tensor], [Double]) {
      let net = try tinyCNN(seed: 7)
      let config = TrainingConfiguration(
        epochs: 2, batchSize: 16, optimizer: .sgd(learningRate: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-4),
        seed: seed, augmentation: Augmentation(cropPadding: 1, horizontalFlip: true))
      let history = try net.train(on: quadrants(count: 64, seed: 8), configuration: config)
      return (net.namedTensors.map(\.tensor), history.epochs.map(\.loss))
    }
    let (w1, l1) = try run(11)
    let (w2, l2) = try run(11)
    let (w3, l3) = try run(12)
    #expect(w1 == w2)
    #expect(l1 == l2)
    #expect(w1 != w3)
    #expect(l1 != l3)
  }

  @Test func divergenceStopsWithEpochAndBatchAndKeepsFiniteWeights() throws {
    let net = try Model.mlp(sizes: [2, 16, 3], seed: 9)
    let config = TrainingConfiguration(epochs: 3, batchSize: 10, optimizer: .sgd(learningRate: 1e30, momentum: 0.9))
    do {
      try net.train(on: blobs(count: 60, seed: 10), configuration: config)
      Issue.record("training with lr 1e30 did not diverge")
    } catch let error as TrainingError {
      guard case .diverged(let epoch, let batch) = error.kind else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(epoch == 1)
      #expect(batch >= 1 && batch <= 6)
      #expect(error.description.contains("epoch \(epoch), batch \(batch)"))
    }
    #expect(net.namedTensors.allSatisfy { $0.tensor.isFinite })
    #expect(net.parameters.allSatisfy { $0.gradient == nil })
  }

  @Test func callbackReportsProgressAndCancels() throws {
    let net = try Model.mlp(sizes: [2, 8, 3], seed: 12)
    var seen = [BatchProgress]()
    let config = TrainingConfiguration(
      epochs: 2, batchSize: 20,
      onBatch: { progress in
        seen.append(progress)
        if progress.epoch == 2 && progress.batch == 2 { throw Interrupted() }
      })
    #expect(throws: Interrupted.self) { try net.train(on: blobs(count: 60, seed: 13), configuration: config) }
    #expect(seen.count == 5)
    #expect(seen[2].batchesPerEpoch == 3)
    #expect(seen.last.map { Swift.abs($0.fractionDone - 5.0 / 6) < 1e-9 } == true)
  }

  @Test func extraLossTermsTrainOnTheTapeWithExtraParameters() throws {
    // An L1 penalty pulls the first layer's weights towards zero, and an extra
    // head on a tapped activation gets trained through the caller's term.
    let data = blobs(count: 60, seed: 14)
    let plain = try Model.mlp(sizes: [2, 16, 3], seed: 15)
    let penalised = try Model.mlp(sizes: [2, 16, 3], seed: 15)
    let head = Parameter(Tensor(zeros: [3, 16]))
    try plain.train(on: data, configuration: TrainingConfiguration(epochs: 3, batchSize: 10))
    var calls = 0
    let config = TrainingConfiguration(
      epochs: 3, batchSize: 10, extraParameters: [head], taps: ["relu1"],
      extraLoss: { step in
        calls += 1
        let w = step.tape.parameter(try #require(step.model.layer("fc1") as? Linear).weight)
        let hidden = try #require(step.activations["relu1"])
        let exit = try Variable.linear(hidden, weight: step.tape.parameter(head), bias: nil)
        return try w.abs().sum() * 0.05 + exit.crossEntropy(labels: step.labels)
      })
    try penalised.train(on: data, configuration: config)
    #expect(calls == 18)
    let l1 = { (m: Model) in (m.layer("fc1") as? Linear)?.weight.value.map(.abs).sum().scalar ?? 0 }
    #expect(l1(penalised) < l1(plain))
    #expect(head.value.map(.abs).sum().scalar > 0)
  }

  @Test func lossTermsBringTheirTapsAndParametersOnce() throws {
    // A term that reads a tapped activation and owns a head declares both; `addLoss` adds them
    // to the run (once, however many terms share them), and the head trains.
    let data = blobs(count: 60, seed: 14)
    let net = try Model.mlp(sizes: [2, 16, 3], seed: 15)
    let head = Parameter(Tensor(zeros: [3, 16]))
    let term = LossTerm("head", taps: ["relu1"], parameters: [head]) { step in
      let hidden = try #require(step.activations["relu1"])
      return try Variable.linear(hidden, weight: step.tape.parameter(head), bias: nil).crossEntropy(labels: step.labels)
    }
    var config = TrainingConfiguration(epochs: 2, batchSize: 10)
    config.addLoss([term])
    config.addLoss([term])
    #expect(config.taps == ["relu1"])
    #expect(config.extraParameters.count == 1)
    try net.train(on: data, configuration: config)
    #expect(head.value.map(.abs).sum().scalar > 0)
    // Negative control: a term without its declarations finds no activation.
    var bare = TrainingConfiguration(epochs: 1, batchSize: 10)
    struct NotTapped: Error {}
    bare.addLoss([
      LossTerm("head") { step in
        guard let hidden = step.activations["relu1"] else { throw NotTapped() }
        return hidden.sum()
      }
    ])
    #expect(throws: NotTapped.self) { try net.train(on: data, configuration: bare) }
  }

  @Test func beforeUpdateSeesGradientsAndEvaluationTakesHooks() throws {
    let net = try Model.mlp(sizes: [2, 8, 3], seed: 18)
    var order = [String]()
    let config = TrainingConfiguration(
      epochs: 1, batchSize: 30,
      extraLoss: { _ in
        order.append("loss")
        return nil
      },
      beforeUpdate: { step in
        order.append(step.model.parameters.allSatisfy { $0.gradient != nil } ? "gradients" : "none")
      },
      onBatch: { _ in order.append("batch") })
    try net.train(on: blobs(count: 60, seed: 19), configuration: config)
    #expect(order == ["loss", "gradients", "batch", "loss", "gradients", "batch"])
    // A hook that zeroes the logits leaves every example predicted as class 0.
    let data = blobs(count: 30, seed: 20)
    let evaluation = try net.evaluate(on: data, hooks: ["fc2": { $0 * 0 }])
    #expect(evaluation.confusionMatrix.map { $0[0] } == [10, 10, 10])
  }

  @Test func batchNormRunningStatisticsFollowTraining() throws {
    let net = try tinyCNN(seed: 16)
    let bn = try #require(net.layer("bn1") as? BatchNorm)
    #expect(bn.runningMean.value == Tensor(zeros: [4]))
    try net.train(on: quadrants(count: 32, seed: 17), configuration: TrainingConfiguration(epochs: 1, batchSize: 16))
    #expect(bn.runningMean.value != Tensor(zeros: [4]))
    #expect(bn.runningVariance.value.isFinite)
  }
}

@Suite("Optimisers and schedules")
struct OptimizerTests {
  @Test func sgdMomentumNesterovAndWeightDecayFollowPyTorch() {
    let p = Parameter(Tensor([1, -2]))
    let sgd = SGD(learningRate: 0.1, momentum: 0.5, nesterov: false, weightDecay: 0.1)
    p.gradient = Tensor([0.5, 0.5])
    #expect(sgd.step([p]))
    // g = 0.5 + 0.1 w = [0.6, 0.3]; buf = g; w -= 0.1 buf
    #expect(Swift.abs(p.value.scalars[0] - 0.94) < 1e-6)
    #expect(Swift.abs(p.value.scalars[1] - (-2.03)) < 1e-6)
    p.gradient = Tensor([0, 0])
    #expect(sgd.step([p]))
    // g = 0.1 w = [0.094, -0.203]; buf = 0.5 [0.6, 0.3] + g
    #expect(Swift.abs(p.value.scalars[0] - (0.94 - 0.1 * (0.3 + 0.094))) < 1e-6)
    let q = Parameter(Tensor([1]))
    let nesterov = SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
    q.gradient = Tensor([1])
    #expect(nesterov.step([q]))
    #expect(Swift.abs(q.value.scalars[0] - (1 - 0.1 * (1 + 0.9 * 1))) < 1e-6)
  }

  @Test func adamFirstStepIsLearningRateTimesSignAndAdamWDecays() {
    let p = Parameter(Tensor([1, 1]))
    let adam = Adam(learningRate: 0.01)
    p.gradient = Tensor([3, -0.2])
    #expect(adam.step([p]))
    #expect(Swift.abs(p.value.scalars[0] - 0.99) < 1e-5)
    #expect(Swift.abs(p.value.scalars[1] - 1.01) < 1e-5)
    let q = Parameter(Tensor([2]))
    let adamW = Adam(learningRate: 0.1, weightDecay: 0.5, decoupled: true)
    q.gradient = Tensor([0])
    #expect(adamW.step([q]))
    #expect(Swift.abs(q.value.scalars[0] - 2 * (1 - 0.05)) < 1e-6)
  }

  @Test func nonFiniteUpdateChangesNothing() {
    let a = Parameter(Tensor([1]))
    let b = Parameter(Tensor([1]))
    a.gradient = Tensor([1])
    b.gradient = Tensor([.infinity])
    #expect(!SGD(learningRate: 0.1).step([a, b]))
    #expect(a.value.scalars == [1])
    #expect(b.value.scalars == [1])
  }

  @Test func schedules() {
    #expect(LearningRateSchedule.step(every: 2, factor: 0.1).rate(base: 1, epoch: 3, epochs: 10) == Float(0.1))
    #expect(LearningRateSchedule.step(every: 2, factor: 0.1).rate(base: 1, epoch: 4, epochs: 10) < 0.0101)
    let cosine = LearningRateSchedule.cosine(minimum: 0)
    #expect(cosine.rate(base: 1, epoch: 0, epochs: 4) == 1)
    #expect(Swift.abs(cosine.rate(base: 1, epoch: 2, epochs: 4) - 0.5) < 1e-6)
  }

  @Test func augmentationIsSeededAndShapePreserving() {
    let x = Tensor(randomNormal: [4, 2, 5, 5], seed: 1)
    var g1 = SeededGenerator(seed: 3)
    var g2 = SeededGenerator(seed: 3)
    let aug = Augmentation(cropPadding: 2, horizontalFlip: true)
    let a = aug.apply(to: x, generator: &g1)
    #expect(a == aug.apply(to: x, generator: &g2))
    #expect(a.shape == x.shape)
    #expect(a != x)
    // A flip alone is a permutation of each row.
    var g3 = SeededGenerator(seed: 4)
    let f = Augmentation(horizontalFlip: true).apply(to: x, generator: &g3)
    #expect(f.scalars.sorted() == x.scalars.sorted())
  }
}
