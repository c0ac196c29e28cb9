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
/// shape when the data set is not installed) must finish in under 30 s.
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
  let clock = ContinuousClock()
  var result: VariationAccuracy?
  let elapsed = try clock.measure { result = try evaluation.accuracy(of: model, on: data) }
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  print("LeNet-5, \(data.count) images, 100 Monte Carlo samples: \(String(format: "%.2f", seconds)) s "
    + "(\(String(format: "%.3f", seconds / 100)) s per sample), mean accuracy \(result?.mean ?? 0)")
  #expect(seconds < 30)
}
