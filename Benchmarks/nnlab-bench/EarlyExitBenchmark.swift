import Foundation
import NeuralNetwork
import Techniques
import Tensor

/// Early-exit inference with class exclusion at batch 256: does the wall time fall as much as the MACs?
///
/// A VGG-small (width 0.125) with an exit after each of its six convolutions is trained for two
/// epochs on 10,000 Fashion-MNIST images (2,500 of them held out for the β search), the βs are
/// searched with tolerance `NNLAB_BENCH_EE_TOLERANCE` (0.05: loose, so that enough samples stop for
/// the comparison to mean something), and the 10,000 test images run with per-sample early
/// termination and through the original network, alternately, best of 5 each (the machine is shared).
/// Target: the wall-time reduction is at least 80% of the MAC reduction ("within 20%").
enum EarlyExitBenchmark {
  static func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let tolerance = Double(environment["NNLAB_BENCH_EE_TOLERANCE"] ?? "0.05") ?? 0.05
    var preprocessing = Preprocessing()
    preprocessing.normalization = .standardized
    let splits = try FashionMNIST.load(train: 10_000, test: nil, seed: 1, preprocessing: preprocessing)
      .withValidation(fraction: 0.25, seed: 1)
    guard let validation = splits.validation else { throw EarlyExitError(.invalidData, "no validation split") }
    let net = try Model.vggSmall(width: 0.125, seed: 1)
    let model = try MultiExitModel(backbone: net, exits: (1...6).map { "relu\($0)" }, seed: 1)
    var configuration = TrainingConfiguration(
      epochs: 2, batchSize: 64, optimizer: .sgd(learningRate: 0.02, momentum: 0.9, weightDecay: 5e-4), schedule: .cosine(minimum: 0),
      seed: 1)
    configuration.addLoss([.exitHeads(model, kind: .classExclusion(positiveWeight: nil))])
    let trainStart = Timing.now()
    try net.train(on: splits.train, configuration: configuration)
    print(String(format: "  trained %d images x 2 epochs in %.1f s", splits.train.count, Timing.now() - trainStart))
    let search = try BetaSearch(tolerance: tolerance).run(on: model.scores(on: validation))
    let policy = ExitPolicy.classExclusion(betas: search.betas)
    let test = splits.test
    var evaluation: ExitEvaluation?
    var early = Double.infinity
    var original = Double.infinity
    var unsplit = Double.infinity
    // Where the time goes: the cut into segments alone (every exit off), and every head run with no sample stopping.
    var segmented = Double.infinity
    var headsOnly = Double.infinity
    let off = ExitPolicy.classExclusion(betas: [Double?](repeating: nil, count: model.heads.count))
    for _ in 0..<5 {
      segmented = min(segmented, try Timing.best(of: 1) { _ = try model.infer(test, policy: off, batchSize: 256) })
      headsOnly = min(headsOnly, try Timing.best(of: 1) { _ = try model.infer(test, policy: .confidence(threshold: 1), batchSize: 256) })
      early = min(early, try Timing.best(of: 1) { evaluation = try model.evaluate(test, policy: policy, batchSize: 256) })
      original = min(original, try Timing.best(of: 1) { _ = try model.inferOriginal(test, batchSize: 256) })
      unsplit = min(unsplit, try Timing.best(of: 1) { _ = try net.predict(test.inputs, batchSize: 256) })
    }
    guard let evaluation else { return }
    let timeReduction = 1 - early / original
    let betas = search.betas.map { $0.map { String(format: "%.2f", $0) } ?? "off" }.joined(separator: ", ")
    print("  β (tolerance \(tolerance)): \(betas)")
    print(String(
      format: "  test accuracy %.4f (original %.4f), MACs %.0f of %d: MAC reduction %.1f%%",
      evaluation.accuracy, try ExitScoresAccuracy.original(model, test), evaluation.averageMACs, evaluation.originalMACs,
      evaluation.macReduction * 100))
    print(String(
      format: "  batch 256, %d images, best of 5: early exit %.3f s, original %.3f s (Model.predict %.3f s): time reduction %.1f%%",
      test.count, early, original, unsplit, timeReduction * 100))
    print(String(
      format: "  where the time goes: segments with every exit off %.3f s, every head run and no sample stopping %.3f s",
      segmented, headsOnly))
    let stops = evaluation.exits.map { "\($0.name) \($0.finished)" }.joined(separator: ", ")
    print("  images finished per exit: \(stops)")
    let ratio = evaluation.macReduction > 0 ? timeReduction / evaluation.macReduction : .nan
    print(String(
      format: "  time reduction / MAC reduction = %.2f (target >= 0.80): %@", ratio, ratio >= 0.8 ? "met" : "NOT met"))
  }
}

/// The original network's test accuracy.
enum ExitScoresAccuracy {
  static func original(_ model: MultiExitModel, _ data: Dataset) throws -> Double {
    let predictions = try model.inferOriginal(data, batchSize: 500)
    return Double(zip(predictions, data.labels).filter { $0 == $1 }.count) / Double(max(data.count, 1))
  }
}
