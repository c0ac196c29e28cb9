import Foundation
import Hardware
import NeuralNetwork
import Techniques

/// Monte Carlo device variation of a LeNet-5 on RRAM crossbars, beside PyTorch.
///
/// A LeNet-5 is trained for one epoch (SGD lr 0.05, momentum 0.9, batch 64), mapped onto
/// 128 x 128 crossbars, and evaluated on the 10,000 test images for 100 samples of log-normal
/// variation (sigma 0.2); the target is under 30 s. `NNLAB_BENCH_SAMPLES` changes the sample
/// count. The peer, `Benchmarks/peers/torch_variation.py`, trains the same network and perturbs
/// its weights the same way in PyTorch. A second run with 8-bit DACs and ADCs computes every
/// layer tile by tile (a tenth of the samples).
enum CrossbarBenchmark {
  static func run() throws {
    let samples = Int(ProcessInfo.processInfo.environment["NNLAB_BENCH_SAMPLES"] ?? "100") ?? 100
    let sigma = 0.2
    let data = try FashionMNIST.load()
    let model = try Model.lenet5(seed: 0)
    _ = try Trainer(model: model, configuration: TrainingConfiguration(epochs: 1, batchSize: 64)).fit(on: data.train)
    let plainStart = Timing.now()
    let plain = try model.evaluate(on: data.test, batchSize: 1000)
    let plainSeconds = Timing.now() - plainStart
    print(String(format: "  LeNet-5 after 1 epoch: test accuracy %.4f, one inference pass over %d images %.3f s",
                 plain.accuracy, data.test.count, plainSeconds))

    let ideal = try MonteCarloVariation(variation: LogNormalVariation(sigma: sigma), samples: samples, seed: 1)
    let (result, seconds, cpu) = try measured { try ideal.accuracy(of: model, on: data.test) }
    print(String(
      format: "  %d samples, sigma %.2f, ideal converters: %.2f s wall (%.3f s per sample), %.2f s CPU; accuracy mean %.4f, std %.4f, min %.4f (target 30 s)",
      samples, sigma, seconds, seconds / Double(samples), cpu, result.mean, result.standardDeviation, result.minimum))

    let converterSamples = max(1, samples / 10)
    let converted = try CrossbarConfiguration(dacBits: 8, adcBits: 8)
    let withConverters = try MonteCarloVariation(
      variation: LogNormalVariation(sigma: sigma), samples: converterSamples, seed: 1, crossbar: converted)
    let (quantised, convertedSeconds, _) = try measured { try withConverters.accuracy(of: model, on: data.test) }
    print(String(
      format: "  %d samples, sigma %.2f, 8-bit DAC and ADC per tile: %.2f s wall (%.3f s per sample); accuracy mean %.4f, min %.4f",
      converterSamples, sigma, convertedSeconds, convertedSeconds / Double(converterSamples), quantised.mean,
      quantised.minimum))

    guard let peer = EngineBenchmark.peerScript(named: "torch_variation.py", beside: "Benchmarks/peers") else { return }
    do {
      let fields = EngineBenchmark.keyValues(try Command.run("/usr/bin/env", ["python3", peer, String(samples), String(sigma), "1"]))
      let theirs = fields["mc_s"] ?? .nan
      print(String(
        format: "  torch: one pass %.3f s; %d samples %.2f s (%.3f s per sample); accuracy after 1 epoch %.4f, mean %.4f, min %.4f",
        fields["plain_s"] ?? .nan, samples, theirs, theirs / Double(samples), fields["plain_acc"] ?? .nan,
        fields["mean_acc"] ?? .nan, fields["min_acc"] ?? .nan))
      print("  Monte Carlo: nnlab \(ratio(theirs / seconds)) the speed of PyTorch")
    } catch {
      print("  torch peer failed: \(error)")
    }
  }

  /// The value of `body`, its wall-clock seconds and this process's CPU seconds.
  static func measured<T>(_ body: () throws -> T) rethrows -> (T, Double, Double) {
    let cpu = Timing.cpuSeconds()
    let start = Timing.now()
    let value = try body()
    return (value, Timing.now() - start, Timing.cpuSeconds() - cpu)
  }
}
