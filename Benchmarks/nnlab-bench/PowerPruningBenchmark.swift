import Foundation
import Hardware
import NeuralNetwork
import Techniques
import Tensor

/// PowerPruning: the MAC's power table for all 256 weight values on 100,000 real activation
/// transitions of one layer (LeNet-5's conv2, with the partial sums a 64x64 array passes down).
enum PowerPruningBenchmark {
  static func run() throws {
    guard FashionMNIST.isAvailable() else {
      print("  Fashion-MNIST is missing (Debian package dataset-fashion-mnist): skipped")
      return
    }
    let cpu = HardwareBenchmark.cpu
    let data = try FashionMNIST.load(train: 10_000, test: 1_000, seed: 1)
    let model = try Model.lenet5(seed: 1)
    try model.train(on: data.train, configuration: TrainingConfiguration(epochs: 1, batchSize: 64, seed: 1))
    let network = try QuantizedNetwork.quantize(model, bits: 8, calibration: data.train.subset(Array(0..<1000)).inputs)
    let accuracy = try network.accuracy(on: data.test)
    let layers = try network.integerLayers(for: data.test.subset(Array(0..<64)).inputs)
    guard let conv2 = layers.first(where: { $0.path == "conv2" }) else { throw PowerPruningError("no conv2") }
    let stream = try OperandStream.sampled(
      from: [conv2], array: try SystolicArray(rows: 64, columns: 64), transitions: 100_000, chunk: 1024, seed: 1)
    let library = try CellLibrary.named("osu018")
    let mac = try Generators.mac(MACConfiguration()).technologyMapped(to: library)
    let zeros = Double(stream.activations.filter { $0 == 0 }.count) / Double(stream.activations.count)
    let wall = Timing.now()
    let start = cpu()
    let table = try WeightPower.characterize(mac, configuration: MACConfiguration(), weights: Array(-128...127), stream: stream)
    let seconds = cpu() - start
    let energies = table.entries.map(\.energyPerOperation)
    print(String(format: "  LeNet-5 (1 epoch on 10,000 images, 8-bit test accuracy %.2f%%), conv2 on a 64x64 array: %d transitions in %d PE runs, %.1f%% zero activations",
                 accuracy * 100, stream.transitions, stream.segments, zeros * 100))
    print(String(format: "  power table on osu018, 256 weights x 100,000 real transitions, inertial glitches: %.2f s CPU, %.2f s wall (target < 30 s); energy per op %.3f-%.3f pJ, mean %.3f pJ",
                 seconds, Timing.now() - wall, (energies.min() ?? 0) * 1e12, (energies.max() ?? 0) * 1e12,
                 energies.reduce(0, +) / Double(max(1, energies.count)) * 1e12))
  }
}
