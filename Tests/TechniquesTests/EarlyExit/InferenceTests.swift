import Foundation
import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

/// The paper's rule written out once more, independently of `ExitPolicy`, for one sample.
private func referenceDecision(
  exitLogits: [[Float]], final: [Float], betas: [Double?], segmentMACs: [Int], headMACs: [Int]
) -> (exit: Int?, masked: Int, unmasked: Int, macs: Int) {
  let k = final.count
  var allowed = Set(0..<k)
  var macs = 0
  for (j, z) in exitLogits.enumerated() {
    macs += segmentMACs[j]
    guard let beta = betas[j] else { continue }
    macs += headMACs[j]
    let p = z.map { 1 / (1 + exp(-Double($0))) }
    let top = p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) } ?? 0
    let kept = Set(p.indices.filter { $0 == top || p[$0] > beta * p[top] })
    let next = allowed.intersection(kept)
    if !next.isEmpty { allowed = next }
    if allowed.count == 1, let only = allowed.first { return (j, only, only, macs) }
  }
  macs += segmentMACs[exitLogits.count]
  func best(_ among: [Int]) -> Int { among.max { final[$0] < final[$1] || (final[$0] == final[$1] && $0 > $1) } ?? 0 }
  return (nil, best(allowed.sorted()), best(Array(0..<k)), macs)
}

@Suite("Early exit: inference with early termination")
struct InferenceTests {
  @Test func batchedEarlyTerminationAgreesWithASingleSampleReferenceLoop() throws {
    let (model, test) = try EEFixtures.trainedMultiExit()
    for betas: [Double?] in [[0.95, 0.97], [nil, 0.97], [0.99, nil]] {
      let outcomes = try model.infer(test, policy: .classExclusion(betas: betas), batchSize: 64)
      var stoppedEarly = 0
      for i in 0..<test.count {
        let one = test.subset([i])
        let (exits, final) = try model.forward(Variable(one.inputs), context: ForwardContext(training: false))
        let reference = referenceDecision(
          exitLogits: exits.map(\.value.scalars), final: final.value.scalars, betas: betas,
          segmentMACs: model.segmentMACs, headMACs: model.headMACs)
        #expect(outcomes[i].exit == reference.exit, "sample \(i), βs \(betas)")
        #expect(outcomes[i].masked == reference.masked, "sample \(i), βs \(betas)")
        #expect(outcomes[i].unmasked == reference.unmasked, "sample \(i), βs \(betas)")
        #expect(outcomes[i].macs == reference.macs, "sample \(i), βs \(betas)")
        if reference.exit != nil { stoppedEarly += 1 }
      }
      // The comparison means something only if some samples stop early and some do not.
      #expect(stoppedEarly > 0 && stoppedEarly < test.count, "βs \(betas): \(stoppedEarly) stopped early")
    }
  }

  /// Batches side by side (the default) and one after the other (as `onSegment` makes them run)
  /// give the same outcomes, and the original network the predictions of its batches run in order.
  @Test func batchesSideBySideGiveTheSameResults() throws {
    let (model, test) = try EEFixtures.trainedMultiExit()
    let policy = ExitPolicy.classExclusion(betas: [0.95, 0.97])
    let sideBySide = try model.infer(test, policy: policy, batchSize: 9)
    let inOrder = try model.infer(test, policy: policy, batchSize: 9, onSegment: { _, _ in })
    #expect(sideBySide == inOrder)
    #expect(sideBySide.contains { $0.exit != nil })
    var predictions: [Int] = []
    for start in stride(from: 0, to: test.count, by: 9) {
      let batch = test.subset(Array(start..<min(start + 9, test.count)))
      let logits = try model.backbone.forward(Variable(batch.inputs), context: ForwardContext(training: false)).value.scalars
      let k = model.classCount
      for r in 0..<batch.count {
        predictions.append(Array(logits[(r * k)..<((r + 1) * k)]).withUnsafeBufferPointer { ExitPolicy.argmax($0) })
      }
    }
    #expect(try model.inferOriginal(test, batchSize: 9) == predictions)
    var reports: [Int] = []
    _ = try model.inferOriginal(test, batchSize: 9, onBatch: { done, total in
      #expect(total == test.count)
      reports.append(done)
    })
    #expect(reports.last == test.count)
  }

  @Test func theHeadsPoolingComesOutOfTheBatchNormPassInEvaluationOnly() throws {
    let net = try EEFixtures.smallCNN(seed: 1)
    let x = Variable(Tensor(randomNormal: [5, 1, 8, 8], seed: 2))
    let evaluation = ForwardContext(training: false)
    evaluation.planeMeanTaps = ["relu1"]
    evaluation.taps = ["relu1"]
    _ = try net.forward(x, context: evaluation)
    let means = try #require(evaluation.takePlaneMeans(of: "relu1"))
    let map = try #require(evaluation.activations["relu1"])
    #expect(means.scalars == (try Tensor.adaptiveAvgPool2d(map.value, outputSize: (1, 1))).scalars)
    #expect(evaluation.takePlaneMeans(of: "relu1") == nil, "taken once")
    #expect(evaluation.takePlaneMeans(of: "relu2") == nil, "not asked for")

    let training = ForwardContext(training: true)
    training.planeMeanTaps = ["relu1"]
    _ = try net.forward(x, context: training)
    #expect(training.takePlaneMeans(of: "relu1") == nil, "batch statistics: no fused means")
  }

  @Test func stoppedSamplesLeaveTheBatchBeforeTheNextSegment() throws {
    let (model, test) = try EEFixtures.trainedMultiExit()
    var rows: [Int: Int] = [:]
    let outcomes = try model.infer(test, policy: .classExclusion(betas: [0.95, 0.97]), batchSize: test.count, onSegment: { segment, n in
      rows[segment, default: 0] += n
    })
    let stoppedAt0 = outcomes.filter { $0.exit == 0 }.count
    let stoppedAt1 = outcomes.filter { $0.exit == 1 }.count
    #expect(rows[0] == test.count)
    #expect(rows[1] == test.count - stoppedAt0)
    #expect(rows[2] == test.count - stoppedAt0 - stoppedAt1)
    #expect(stoppedAt0 > 0)
  }

  @Test func pairedTimingRunsEveryBatchBothWaysOncePerRepeat() throws {
    let (model, test) = try EEFixtures.trainedMultiExit()
    var calls: [(Int, Int)] = []
    let batch = 7
    let timing = try model.timeAgainstOriginal(test, policy: .classExclusion(betas: [0.95, 0.97]), batchSize: batch, repeats: 3) {
      calls.append(($0, $1))
    }
    let batches = (test.count + batch - 1) / batch
    #expect(timing.early.count == 3 && timing.original.count == 3)
    #expect(timing.early.allSatisfy { $0 > 0 } && timing.original.allSatisfy { $0 > 0 })
    // Side by side, progress comes every 0.2 s and at the end of each repeat.
    #expect(calls.map(\.0) == calls.map(\.0).sorted() && calls.allSatisfy { $0.1 == 3 * batches })
    #expect((1...3).allSatisfy { r in calls.contains { $0.0 == r * batches } })
    let reduction = timing.reduction
    let perRepeat = zip(timing.early, timing.original).map { 1 - $0 / $1 }.sorted()
    #expect(reduction == perRepeat[1], "the median of three repeats")
    #expect(throws: EarlyExitError.self) { try model.timeAgainstOriginal(test, policy: .confidence(threshold: 0.5), repeats: 0) }
  }

  @Test func theReplayOnScoresMatchesTheRealRun() throws {
    let (model, test) = try EEFixtures.trainedMultiExit()
    let scores = try model.scores(on: test, batchSize: 50)
    for policy: ExitPolicy in [.classExclusion(betas: [0.95, 0.97]), .confidence(threshold: 0.7)] {
      #expect(try scores.replay(policy) == model.infer(test, policy: policy, batchSize: 37))
    }
  }

  @Test func macsAddUpToTheBackbone() throws {
    let net = try EEFixtures.smallCNN(seed: 1)
    let model = try MultiExitModel(backbone: net, exits: ["relu2", "relu1"])
    #expect(model.exitNames == ["relu1", "relu2"])
    #expect(model.backboneMACs == net.macs)
    // conv1 6·1·9·64 = 3456 before exit 1; conv2 8·6·9·16 = 6912 before exit 2; fc 32·4 = 128 after.
    #expect(model.segmentMACs == [3456, 6912, 128])
    #expect(model.headMACs == [6 * 4, 8 * 4])
    let resnet = try Model.resnet(depth: 8, width: 0.25, inputShape: [1, 8, 8])
    let exits = try MultiExitModel(backbone: resnet, exits: ["stage1", "stage2.block1"])
    #expect(exits.backboneMACs == resnet.macs)
  }

  @Test func theDefaultPositiveWeightIsTheAuthors() {
    #expect(MultiExitModel.defaultPositiveWeight(classes: 10) == 36)
    #expect(MultiExitModel.defaultPositiveWeight(classes: 100) == 396)
    #expect(MultiExitModel.exitWeight(1, of: 6) == 1.0 / 6)
    #expect(MultiExitModel.exitWeight(6, of: 6) == 1)
  }
}
