import Foundation
import NeuralNetwork
import Tensor

/// Training and inference throughput on Fashion-MNIST, beside PyTorch's peer script.
///
/// The peer is `shared/peers/torch_fmnist.py` (2 threads, batch 64, SGD lr 0.05 momentum 0.9,
/// one epoch of the 60,000 training images, inference over the 10,000 test images).
enum EngineBenchmark {
  struct Case {
    var name: String
    var peerName: String
    var trainTarget: Double
    var make: () throws -> Model
  }

  static let cases: [Case] = [
    Case(name: "mlp 784-256-128-10", peerName: "mlp", trainTarget: 1.0) { try .mlp(sizes: [784, 256, 128, 10], seed: 0) },
    Case(name: "lenet5", peerName: "lenet5", trainTarget: 1.0) { try .lenet5(seed: 0) },
    Case(name: "vgg_small(width 0.25)", peerName: "vggsmall", trainTarget: 0.7) { try .vggSmall(width: 0.25, seed: 0) },
  ]

  static func run() throws {
    let epochs = Int(ProcessInfo.processInfo.environment["NNLAB_BENCH_EPOCHS"] ?? "1") ?? 1
    let data = try FashionMNIST.load()
    print("  data: \(data.train.count) train, \(data.test.count) test images; \(epochs) epoch(s), batch 64, 2 threads")
    let peer = peerScript()
    for benchmark in cases {
      let model = try benchmark.make()
      let trainer = Trainer(model: model, configuration: TrainingConfiguration(epochs: epochs, batchSize: 64))
      let start = Timing.now()
      _ = try trainer.fit(on: data.train)
      let trainSeconds = Timing.now() - start
      let inferStart = Timing.now()
      let evaluation = try model.evaluate(on: data.test, batchSize: 1000)
      let inferSeconds = Timing.now() - inferStart
      let trainRate = Double(epochs * data.train.count) / trainSeconds
      let inferRate = Double(data.test.count) / inferSeconds
      print(String(
        format: "  %@: nnlab train %.0f img/s, infer %.0f img/s, test accuracy %.4f, peak RSS %.0f MiB",
        benchmark.name, trainRate, inferRate, evaluation.accuracy, Double(Timing.peakResidentBytes()) / 1_048_576))
      guard let peer else { continue }
      do {
        let line = try Command.run("/usr/bin/env", ["python3", peer, benchmark.peerName, String(epochs), "64"])
        let fields = keyValues(line)
        let theirTrain = fields["train_img_s"] ?? .nan
        let theirInfer = fields["infer_img_s"] ?? .nan
        print(String(
          format: "  %@: torch train %.0f img/s, infer %.0f img/s, test accuracy %.4f",
          benchmark.name, theirTrain, theirInfer, fields["test_acc"] ?? .nan))
        print("  \(benchmark.name): training \(ratio(trainRate / theirTrain)) of PyTorch (target \(ratio(benchmark.trainTarget))), inference \(ratio(inferRate / theirInfer)) (target 1.00x)")
      } catch {
        print("  torch peer failed: \(error)")
      }
    }
  }

  /// The peer script `name` (in `shared/peers` beside the project, or `folder` of the project),
  /// when PyTorch is importable. `NNLAB_TORCH_PEER` overrides the path of `torch_fmnist.py`.
  static func peerScript(named name: String = "torch_fmnist.py", beside folder: String = "../shared/peers") -> String? {
    let override = name == "torch_fmnist.py" ? ProcessInfo.processInfo.environment["NNLAB_TORCH_PEER"] : nil
    let candidates = [override, FileManager.default.currentDirectoryPath + "/\(folder)/\(name)"].compactMap { $0 }
    guard let script = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
      print("  torch peer: \(folder)/\(name) not found (run from the project folder) — peer skipped")
      return nil
    }
    guard (try? Command.run("/usr/bin/env", ["python3", "-c", "import torch"])) != nil else {
      print("  torch peer: PyTorch is not installed (pip install torch) — peer skipped")
      return nil
    }
    return script
  }

  /// The `key=value` fields of a peer's output line whose values are numbers.
  static func keyValues(_ line: String) -> [String: Double] {
    Dictionary(
      line.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { field -> (String, Double)? in
        let parts = field.split(separator: "=")
        guard parts.count == 2, let value = Double(parts[1]) else { return nil }
        return (String(parts[0]), value)
      }, uniquingKeysWith: { first, _ in first })
  }
}
