import Foundation
import Hardware
import NeuralNetwork
import Tensor
import Techniques
import Testing

/// The performance target of the Monte Carlo evaluation, run on request in a release build:
///
///     NNLAB_TIMING=1 swift test -c release -Xswiftc -enable-testing --filter lenetMonteCarloTiming
///
/// 100 samples of LeNet-5 on the 10,000 Fashion-MNIST test images (random images of the same
/// shape when the data set is not installed) must finish in under 30 s on an otherwise idle
/// machine. The test prints one plain engine pass for comparison, the process CPU time and the
/// load average, since other jobs on the machine inflate wall-clock timings.
@Test(.enabled(if: ProcessInfo.processInfo.environment["NNLAB_TIMING"] != nil))
func lenetMonteCarloTiming() throws {
  let model = try Model.lenet5(seed: 1)
  let data: Dataset
  if FashionMNIST.isAvailable() {
    data = try FashionMNIST.load(.test)
  } else {
    data = Dataset(
      inputs: Tensor(randomNormal: [10_000, 1, 28, 28], seed: 1), labels: (0..<10_000).map { $0 % 10 }, classCount: 10)
  }
  let evaluation = try MonteCarloVariation(variation: LogNormalVariation(sigma: 0.2), samples: 100, seed: 1)
  // One plain pass of the engine over the same images, for comparison with a sample.
  let (plain, _) = try timed { _ = try model.evaluate(on: data, batchSize: 1000) }
  var result: VariationAccuracy?
  let (seconds, cpu) = try timed { result = try evaluation.accuracy(of: model, on: data) }
  let f = { (x: Double) in String(format: "%.3f", x) }
  print(
    "LeNet-5, \(data.count) images: one engine evaluate pass \(f(plain)) s; 100 Monte Carlo samples \(f(seconds)) s wall "
      + "(\(f(seconds / 100)) s per sample), \(f(cpu)) s CPU; mean accuracy \(result?.mean ?? 0); "
      + "load average \(loadAverage())")
  #expect(seconds < 30)
}

/// The wall-clock and process CPU seconds of `body`.
private func timed(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
  let clock = ContinuousClock()
  let cpu0 = processCPUSeconds()
  let elapsed = try clock.measure { try body() }
  let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  return (wall, processCPUSeconds() - cpu0)
}

/// User plus system CPU time of this process, all threads.
private func processCPUSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The one-minute load average.
private func loadAverage() -> String {
  let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"
  return text.split(separator: " ").first.map(String.init) ?? "?"
}
