@testable import Charts

/// Charts with deterministic data, one or more per kind, shared by snapshot and property tests.
///
/// Data comes from plain arithmetic and a fixed linear congruential generator (no libm
/// transcendental functions), so the numbers are bit-identical on every platform.
enum Fixtures {
  /// A tiny deterministic generator of uniform numbers in [0, 1).
  struct Generator {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double(state >> 11) / Double(1 << 53)
    }
    /// Approximately normal (Irwin-Hall of 12 uniforms), mean 0, deviation 1.
    mutating func normal() -> Double {
      var sum = 0.0
      for _ in 0..<12 { sum += next() }
      return sum - 6
    }
  }

  static let line: ChartSpec = {
    let epochs = (1...12).map(Double.init)
    var loss: [Double] = []
    var accuracy: [Double] = []
    var decay = 1.0
    for _ in epochs {
      decay *= 0.72
      loss.append(0.28 + 2.0 * decay)
      accuracy.append(0.9 - 0.55 * decay)
    }
    return ChartSpec(
      kind: .line, title: "Training of vgg_small on Fashion-MNIST", xLabel: "epoch", yLabel: "value",
      series: [.init(name: "train loss", x: epochs, y: loss), .init(name: "test accuracy", x: epochs, y: accuracy)])
  }()

  static let bar = ChartSpec(
    kind: .bar, title: "Accuracy after pruning", xLabel: "pruning ratio", yLabel: "test accuracy",
    series: [
      .init(name: "class-aware", y: [0.912, 0.905, 0.897, 0.871, 0.802]),
      .init(name: "L1 magnitude", y: [0.912, 0.899, 0.874, 0.815, 0.690]),
      .init(name: "random", y: [0.912, 0.861, 0.774, 0.611, 0.402]),
    ],
    categories: ["0%", "30%", "50%", "70%", "90%"], yFormat: .percent)

  static let histogram: ChartSpec = {
    var generator = Generator(state: 7)
    let before = (0..<600).map { _ in abs(generator.normal()) * 0.8 }
    // Pruning removes the least important filters and fine-tuning shifts the rest up.
    let after = before.filter { $0 > 0.35 }.map { $0 * 1.15 }
    return ChartSpec(
      kind: .histogram, title: "Filter importance before and after pruning", xLabel: "Taylor importance",
      series: [.init(name: "before", y: before), .init(name: "after", y: after)])
  }()

  static let scatter: ChartSpec = {
    var generator = Generator(state: 42)
    var series: [ChartSpec.Series] = []
    for (index, name) in ["int8", "int4", "ternary"].enumerated() {
      var xs: [Double] = []
      var ys: [Double] = []
      for _ in 0..<40 {
        let power = 0.2 + generator.next() * (1.0 - Double(index) * 0.25)
        xs.append(power)
        ys.append(0.92 - 0.05 * Double(index) - 0.08 * generator.next() + 0.05 * power)
      }
      series.append(.init(name: name, x: xs, y: ys))
    }
    return ChartSpec(
      kind: .scatter, title: "Power versus accuracy of pruned MACs", xLabel: "relative power", yLabel: "accuracy",
      series: series, xFormat: .percent, yFormat: .percent)
  }()

  static let heatmap: ChartSpec = {
    let values = (0..<16).map { row in
      (0..<16).map { column -> Double in
        let x = Double(column) / 15
        let y = Double(row) / 15
        return x * (1 - y) + 0.6 * y * y * x + 0.1 * y
      }
    }
    return ChartSpec(
      kind: .heatmap, title: "Crossbar conductance deviation (16 × 16)", xLabel: "column", yLabel: "row",
      grid: .init(values: values))
  }()

  static let confusion: ChartSpec = {
    let classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    var generator = Generator(state: 3)
    let values = (0..<10).map { row in
      (0..<10).map { column -> Double in
        row == column ? 0.7 + 0.25 * generator.next() : (generator.next() < 0.3 ? 0.1 * generator.next() : 0)
      }
    }
    return ChartSpec(
      kind: .heatmap, title: "Confusion matrix", xLabel: "predicted", yLabel: "true class",
      grid: .init(values: values, rowLabels: classes, columnLabels: classes), width: 640, height: 480,
      valueFormat: .automatic)
  }()

  static let logLine = ChartSpec(
    kind: .line, title: "MACs per exit", xLabel: "exit", yLabel: "MACs", yScale: .log,
    series: [
      .init(name: "static", x: [1, 2, 3, 4], y: [1.2e6, 1.2e6, 1.2e6, 1.2e6]),
      .init(name: "early exit", x: [1, 2, 3, 4], y: [2.1e4, 1.4e5, 6.0e5, 1.1e6]),
    ])

  /// Everything that should be handled gracefully at once: NaN, a log axis over negative
  /// values, hostile and very long names, many categories.
  static let edgeCases = ChartSpec(
    kind: .bar, title: "An extremely long title that goes on and on <script>alert('x')</script> & more words to overflow the width of the chart",
    xLabel: "layer", yLabel: "Δ accuracy", yScale: .log,
    series: [
      .init(name: "a very long series name that will not fit in the legend at all", y: (0..<24).map { Double($0 % 7) - 2 }),
      .init(name: "with NaN", y: (0..<24).map { $0 % 5 == 0 ? .nan : Double($0) * 0.1 }),
    ],
    categories: (0..<24).map { "conv\($0 + 1)_block_with_long_name" })

  /// All snapshot charts, by file name.
  /// Mean accuracy over seeds with a ∓ one-deviation band, and a gap (NaN) that breaks line and band.
  static let band: ChartSpec = {
    let sigma = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
    let mean = [0.91, 0.9, 0.86, Double.nan, 0.62, 0.45]
    let spread = [0.002, 0.006, 0.015, 0.02, 0.04, 0.06]
    let corrected = [0.91, 0.905, 0.89, 0.87, 0.84, 0.8]
    return ChartSpec(
      kind: .line, title: "Accuracy under variation", xLabel: "σ", yLabel: "accuracy",
      series: [
        .init(name: "baseline", x: sigma, y: mean, lower: zip(mean, spread).map { $0 - $1 }, upper: zip(mean, spread).map { $0 + $1 }),
        .init(name: "corrected", x: sigma, y: corrected, lower: corrected.map { $0 - 0.01 }, upper: corrected.map { $0 + 0.01 }),
      ],
      yFormat: .percent)
  }()

  static let snapshots: [(name: String, spec: ChartSpec)] = [
    ("line", line), ("bar", bar), ("histogram", histogram), ("scatter", scatter), ("heatmap", heatmap),
    ("heatmap-labelled", confusion), ("line-log", logLine), ("edge-cases", edgeCases),
    ("line-band", band),
  ]
}
