import Foundation
import Hardware
import NeuralNetwork
import Techniques

/// CorrectNet's Monte Carlo on a LeNet-5, and the PyTorch cross-check on the same exported weights.
///
/// A LeNet-5 is trained for one epoch (SGD lr 0.05, momentum 0.9, batch 64) and saved as a
/// checkpoint. nnlab evaluates it for 100 samples (`NNLAB_BENCH_SAMPLES`) of log-normal variation
/// at σ 0.3 and 0.5 on the 10,000 test images, and times 100 samples of the compensated path
/// (units on fc1 and fc2, ``CompensatedVariation``; target under 15 s). The peer,
/// `Benchmarks/peers/torch_correctnet.py`, loads the same weights into PyTorch and evaluates them
/// twice: under the very weights nnlab's samples read (written to a file, so both sides see the
/// same θ and only the forward passes differ), and under its own draws of the same variation.
/// With the shared draws the mean accuracies must agree within 1 point at both σ (the issue's
/// criterion); with independent draws they differ by Monte Carlo error as well, printed beside
/// two standard errors of the difference.
enum CorrectNetBenchmark {
  static func run() throws {
    let samples = Int(ProcessInfo.processInfo.environment["NNLAB_BENCH_SAMPLES"] ?? "100") ?? 100
    let sigmas = [0.3, 0.5]
    let data = try FashionMNIST.load()
    let model = try Model.lenet5(seed: 0)
    _ = try Trainer(model: model, configuration: TrainingConfiguration(epochs: 1, batchSize: 64)).fit(on: data.train)
    let clean = try model.evaluate(on: data.test, batchSize: 1000).accuracy
    let checkpoint = NSTemporaryDirectory() + "nnlab-correctnet-lenet5.nnlab"
    try model.save(to: checkpoint)
    print(String(format: "  LeNet-5 after 1 epoch: test accuracy %.4f; weights exported to ", clean) + checkpoint)

    var ours = [Double: VariationAccuracy]()
    var draws = [Double: String]()
    for sigma in sigmas {
      let evaluation = try MonteCarloVariation(variation: LogNormalVariation(sigma: sigma), samples: samples, seed: 1)
      let (result, seconds, _) = try CrossbarBenchmark.measured { try evaluation.accuracy(of: model, on: data.test) }
      ours[sigma] = result
      print(String(
        format: "  nnlab, sigma %.1f: %d samples in %.2f s; accuracy mean %.4f, std %.4f, min %.4f", sigma, samples, seconds,
        result.mean, result.standardDeviation, result.minimum))
      draws[sigma] = try writeDraws(of: model, evaluation: evaluation, sigma: sigma)
    }

    let network = try CompensatedNetwork(model: model, layers: ["fc1", "fc2"])
    let compensated = try CompensatedVariation(variation: LogNormalVariation(sigma: 0.5), samples: samples, seed: 1)
    let (_, seconds, cpu) = try CrossbarBenchmark.measured { try compensated.accuracy(of: network, on: data.test) }
    print(String(
      format: "  compensated path (units on fc1, fc2), %d samples x %d images: %.2f s wall (%.3f s per sample), %.2f s CPU (target 15 s)",
      samples, data.test.count, seconds, seconds / Double(samples), cpu))

    guard let peer = EngineBenchmark.peerScript(named: "torch_correctnet.py", beside: "Benchmarks/peers") else { return }
    do {
      let shared = sigmas.map { "\($0)=\(draws[$0] ?? "")" }.joined(separator: ",")
      let line = try Command.run(
        "/usr/bin/env",
        ["python3", peer, checkpoint, sigmas.map { String($0) }.joined(separator: ","), String(samples), shared])
      let fields = EngineBenchmark.keyValues(line)
      print(String(format: "  torch on the same weights: clean accuracy %.4f", fields["clean_acc"] ?? .nan))
      for sigma in sigmas {
        let theirs = fields["shared_mean_\(sigma)"] ?? .nan
        let mine = ours[sigma]?.mean ?? .nan
        let verdict = Swift.abs(theirs - mine) <= 0.01 ? "agree within 1 point" : "DIFFER by more than 1 point"
        print(String(
          format: "  sigma %.1f, shared draws: nnlab mean %.4f, torch mean %.4f, difference %.4f, largest per-sample difference %.4f: ",
          sigma, mine, theirs, Swift.abs(theirs - mine), largestDifference(ours[sigma]?.accuracies ?? [], fields, sigma))
          + verdict)
      }
      for sigma in sigmas {
        let theirs = fields["mean_\(sigma)"] ?? .nan
        let mine = ours[sigma]?.mean ?? .nan
        // The draws differ, so the means differ by Monte Carlo error too: two standard errors of the difference.
        let ourStd = ours[sigma]?.standardDeviation ?? .nan
        let theirStd = fields["std_\(sigma)"] ?? .nan
        let twoErrors = 2 * ((ourStd * ourStd + theirStd * theirStd) / Double(samples)).squareRoot()
        let difference = Swift.abs(theirs - mine)
        let verdict =
          difference <= 0.01
          ? "agree within 1 point"
          : difference <= twoErrors
            ? "differ by more than 1 point, within Monte Carlo error" : "DIFFER beyond Monte Carlo error"
        print(String(
          format: "  sigma %.1f, independent draws: nnlab mean %.4f, torch mean %.4f (std %.4f), difference %.4f, two standard errors %.4f: ",
          sigma, mine, theirs, theirStd, Swift.abs(theirs - mine), twoErrors) + verdict)
      }
    } catch {
      print("  torch peer failed: \(error)")
    }
  }

  /// Writes the weights every Monte Carlo sample of `evaluation` reads (sample by sample, mapped
  /// layer by layer in the model's order, Float32 little-endian) for the peer, and returns the path.
  static func writeDraws(of model: Model, evaluation: MonteCarloVariation, sigma: Double) throws -> String {
    let network = try CrossbarNetwork(model: model, configuration: evaluation.crossbar)
    let path = NSTemporaryDirectory() + "nnlab-correctnet-draws-\(sigma).f32"
    FileManager.default.createFile(atPath: path, contents: nil)
    let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? file.close() }
    for sample in 0..<evaluation.samples {
      for weights in network.sampledWeights(evaluation.variation, seed: evaluation.seed, sample: sample) {
        try file.write(contentsOf: weights.scalars.withUnsafeBufferPointer { Data(buffer: $0) })
      }
    }
    return path
  }

  /// The largest difference between nnlab's and the peer's accuracy on one shared sample.
  static func largestDifference(_ ours: [Double], _ fields: [String: Double], _ sigma: Double) -> Double {
    ours.indices.map { Swift.abs(ours[$0] - (fields["shared_\(sigma)_\($0)"] ?? .nan)) }.max() ?? .nan
  }
}
