import Foundation
import NeuralNetwork
import Tensor

/// A kernel setting on and off, step by step inside one training run.
///
/// The machines this project runs on drift in speed by up to 2× within minutes, so two whole
/// runs, one per setting, cannot resolve a few per cent. Here one training run of the
/// class-aware notebook's two networks (VGG16 w0.25 and ResNet-32 w0.5, 32×32 inputs, batch 128,
/// SGD with momentum and weight decay) switches the setting between steps, in the order
/// A B B A A B B A …, and times every step: a drift slower than a few steps falls on both
/// settings alike. Each pair of neighbouring steps gives one ratio B / A; the figure is their
/// median with the quartiles. The first steps (buffers, page faults) are not counted.
///
/// `NNLAB_BENCH_AB_STEPS` sets the steps per network and setting (default 64).
enum KernelABBenchmark {
  struct Knob {
    var name: String
    var a: String
    var b: String
    var set: (Bool) -> Void
  }

  static let knobs: [Knob] = [
    Knob(name: "Winograd's forward and input-gradient per-position products", a: "BLAS", b: "own kernel up to 32 channels") {
      EngineTuning.shallowProductDepth = $0 ? 32 : 0
    },
    Knob(name: "Winograd filter gradient's per-position products", a: "BLAS", b: "own kernel up to 32 channels") {
      EngineTuning.longProductDepth = $0 ? 32 : 0
    },
    Knob(
      name: "Winograd's transforms on tile rows of 1 or 2 tiles", a: "8 tiles along a tile row",
      b: "8 tiles across tile rows"
    ) {
      EngineTuning.winogradFlatColumns = $0 ? 2 : 0
    },
    Knob(name: "Winograd's outputs of whole tiles", a: "through block planes", b: "where they lie") {
      EngineTuning.winogradInPlace = $0
    },
  ]

  static func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let steps = max(Int(environment["NNLAB_BENCH_AB_STEPS"] ?? "64") ?? 64, 8)
    let warmup = 4
    let batch = 128
    let count = (steps + warmup) * batch
    let data = Dataset(
      inputs: Tensor(randomNormal: [count, 1, 32, 32], seed: 7), labels: (0..<count).map { ($0 * 7919) % 10 },
      classCount: 10)
    let networks: [(String, () throws -> Model)] = [
      ("VGG16 w0.25", { try Model.vgg16(width: 0.25, inputShape: [1, 32, 32], seed: 1) }),
      ("ResNet-32 w0.5", { try Model.resnet(depth: 32, width: 0.5, inputShape: [1, 32, 32], seed: 1) }),
    ]
    print("  \(steps) timed training steps per network and setting at batch \(batch), settings alternating A B B A …")
    let only = environment["NNLAB_BENCH_AB_ONLY"] ?? ""
    for knob in knobs where only.isEmpty || knob.name.contains(only) {
      let defaults = (
        EngineTuning.shallowProductDepth, EngineTuning.longProductDepth, EngineTuning.winogradFlatColumns,
        EngineTuning.winogradInPlace
      )
      defer {
        (
          EngineTuning.shallowProductDepth, EngineTuning.longProductDepth, EngineTuning.winogradFlatColumns,
          EngineTuning.winogradInPlace
        ) = defaults
      }
      print("  \(knob.name): A = \(knob.a), B = \(knob.b)")
      for (name, make) in networks {
        let model = try make()
        var times: [[Double]] = [[], []]
        var last = Timing.now()
        var step = 0
        func setting(_ s: Int) -> Int { ((s + 1) / 2) % 2 }  // 0 1 1 0 0 1 1 0 …
        knob.set(setting(0) == 1)
        var configuration = TrainingConfiguration(
          epochs: 1, batchSize: batch, optimizer: .sgd(learningRate: 0.01, momentum: 0.9, weightDecay: 5e-4), seed: 1)
        configuration.onBatch = { _ in
          let now = Timing.now()
          if step >= warmup { times[setting(step)].append(now - last) }
          step += 1
          knob.set(setting(step) == 1)
          last = Timing.now()
        }
        try model.train(on: data, configuration: configuration)
        let pairs = min(times[0].count, times[1].count)
        let ratios = (0..<pairs).map { times[1][$0] / times[0][$0] }.sorted()
        func quantile(_ xs: [Double], _ q: Double) -> Double { xs[min(xs.count - 1, Int(q * Double(xs.count - 1) + 0.5))] }
        let medians = times.map { quantile($0.sorted(), 0.5) * 1e3 }
        print(String(
          format: "    %@: step median A %.1f ms, B %.1f ms; B / A per pair of neighbouring steps %.3f (quartiles %.3f–%.3f, %d pairs)",
          name, medians[0], medians[1], quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75), pairs))
      }
    }
  }
}
