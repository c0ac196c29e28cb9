import Foundation
import Testing
@testable import Bindings
@testable import Kernel

@Suite struct TrainingBuiltinTests {
  static let setup = """
    d = synthetic("blobs", n: 600, classes: 3, seed: 2)
    net = mlp([2, 16, 3], seed: 1)
    """

  @Test func trainingRaisesAccuracyAndRecordsEachEpoch() {
    let source = Self.setup + """

      before = accuracy(net, d)
      h = train(net, d, epochs: 2, lr: 0.05, batch: 32, seed: 1)
      after = accuracy(net, d.test)
      print(before < 0.5, after > before + 0.2, h[0].test_accuracy > before + 0.2, len(h), h.epochs, [r.epoch for r in h])
      print(h.columns)
      print(h[1].loss < h[0].loss, h.last.test_accuracy == after, h[0].lr, h.seconds > 0, type(h))
      """
    #expect(
      output(source)
        == """
        true true true 2 2 [1, 2]
        ["epoch", "loss", "train_accuracy", "test_accuracy", "lr", "seconds", "examples_per_second"]
        true true 0.05 true History
        """)
  }

  @Test func theSameSeedGivesTheSameRun() {
    let source = Self.setup + """

      a = train(net, d, epochs: 1, seed: 3, schedule: "cosine", weight_decay: 5e-4)
      other = mlp([2, 16, 3], seed: 1)
      b = train(other, d, epochs: 1, seed: 3, schedule: "cosine", weight_decay: 5e-4)
      print(a.loss == b.loss, net.tensor("fc2.weight").values == other.tensor("fc2.weight").values)
      """
    #expect(output(source) == "true true")
  }

  @Test func optimisersSchedulesAndValidation() {
    let source = """
      d = synthetic("spirals", n: 300, classes: 3, seed: 4, validation: 0.2)
      net = mlp([2, 32, 32, 3], seed: 2)
      h = train(net, d, epochs: 4, lr: 0.01, optimizer: "adam", schedule: "step", step_every: 2, step_factor: 0.5, batch: 16)
      print(h.columns)
      print([r.lr for r in h], len(h.validation_accuracy), h.last.validation_accuracy == accuracy(net, d.validation))
      h2 = train(net, d.train, epochs: 1, optimizer: "adamw", lr: 0.001, evaluate: false)
      print(h2.columns)
      """
    #expect(
      output(source)
        == """
        ["epoch", "loss", "train_accuracy", "test_accuracy", "validation_accuracy", "lr", "seconds", "examples_per_second"]
        [0.01, 0.01, 0.005, 0.005] 4 true
        ["epoch", "loss", "train_accuracy", "lr", "seconds", "examples_per_second"]
        """)
  }

  @Test func penaltiesAddToTheLossAndShrinkTheWeights() {
    let source = Self.setup + """

      other = mlp([2, 16, 3], seed: 1)
      plain = train(net, d, epochs: 2, seed: 3)
      sparse = train(other, d, epochs: 2, seed: 3, penalties: [l1(0.01)])
      fn l1_norm(m) {
        return sum([abs(x) for x in m.tensor("fc1.weight").values]) + sum([abs(x) for x in m.tensor("fc2.weight").values])
      }
      print(sparse[0].loss > plain[0].loss, l1_norm(other) < l1_norm(net))
      """
    #expect(output(source) == "true true")
    expectError(
      Self.setup + "\n" + #"train(net, d, penalties: [orthogonality(0.1, kind: "kernal")])"#, at: "3:27",
      #"orthogonality(): argument 'kind' must be one of "kernel", "convolutional", got "kernal"; did you mean 'kernel'?"#)
    expectError(Self.setup + "\nl1(-1)", at: "3:1", "l1(): argument 'weight' must be zero or positive, got -1")
    expectError(
      Self.setup + "\ntrain(net, d, penalties: [0.01])", at: "3:15",
      "train(): argument 'penalties' must be a list of Penalties or a list of lists, got a list with a number at index 0")
  }

  /// With both penalties the loss is larger than without, falls every epoch, and the training
  /// accuracy rises well above chance (10 classes): the network learns under the penalties.
  @Test func orthogonalityTrainsAConvolutionalNetwork() throws {
    try #require(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist is not installed")
    let source = """
      data = fashion_mnist(train: 64, test: 32, size: 14, seed: 2)
      net = lenet5(input: data)
      before = accuracy(net, data.train)
      a = train(net, data, epochs: 6, batch: 16, lr: 0.005, optimizer: "adam",
                penalties: [orthogonality(0.1, kind: "convolutional"), l1(1e-4, scope: "all")])
      b = train(lenet5(input: data), data, epochs: 1, batch: 16, lr: 0.005, optimizer: "adam")
      falls = len([i for i in range(1, len(a)) if a[i].loss < a[i - 1].loss]) == len(a) - 1
      print(a[0].loss > b[0].loss, falls, before < 0.15, accuracy(net, data.train) > before + 0.15, net.input_shape)
      """
    #expect(output(source) == "true true true true [1, 14, 14]")
  }

  @Test func historyDisplaysAChartAndATableAndFeedsCharts() throws {
    let result = run(Self.setup + "\nh = train(net, d, epochs: 2)\nshow(h)\nline_chart(h, x: \"epoch\", y: [\"loss\", \"test_accuracy\"])")
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    let charts = result.outputs.compactMap { if case .chart(let c) = $0 { return c } else { return nil } }
    let tables = result.outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    #expect(charts.count == 2)
    #expect(charts.first?.spec.series.map(\.name) == ["loss", "train_accuracy", "test_accuracy"])
    #expect(charts.first?.spec.series.first?.x == [1, 2])
    #expect(charts.last?.spec.series.map(\.name) == ["loss", "test_accuracy"])
    #expect(tables.first?.rows.count == 2)
    #expect(tables.first?.rows.first?[2].text.hasSuffix("%") == true)
  }

  @Test func progressIsReportedPerBatch() {
    let events = ProgressLog()
    let session = Session(file: "nb.md")
    session.onProgress = { events.append($0) }
    let result = session.run(Self.setup + "\ntrain(net, d, epochs: 2, batch: 160)", line: 1)
    #expect(result.error == nil)
    let training = events.items.filter { $0.task.hasPrefix("train") }
    #expect(training.map(\.task) == Array(repeating: "train mlp: epoch 1/2", count: 3) + Array(repeating: "train mlp: epoch 2/2", count: 3))
    #expect(training.map(\.done) == [1, 2, 3, 1, 2, 3])
    #expect(training.allSatisfy { $0.total == 3 })
  }

  /// The timeout interrupts the call itself: its error points at `train`, and `h` is never
  /// assigned (100,000 epochs would not end otherwise, so no clock is needed).
  @Test func aTimeoutStopsTrainingAtTheCall() {
    let session = Session(file: "nb.md")
    let result = session.run(
      """
      d = synthetic("blobs", n: 3000, classes: 3, seed: 2)
      net = mlp([2, 64, 64, 3])
      h = train(net, d, epochs: 100000, batch: 8)
      """, line: 1, timeout: 0.5)
    #expect(result.error?.message == "cell timed out after 0.5 s")
    #expect(result.error?.location?.line == 3)
    #expect(result.error?.location?.column == 5)
    #expect(session.value(of: "h") == nil)
    #expect(session.value(of: "net") != nil)
  }

  @Test func anInterruptStopsTraining() {
    let session = Session(file: "nb.md")
    let setup = session.run(Self.setup, line: 1)
    #expect(setup.error == nil)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { session.interrupt() }
    let result = session.run("train(net, d, epochs: 100000, batch: 4)", line: 3)
    #expect(result.error?.message == "interrupted")
    #expect(result.error?.location?.line == 3)
  }

  @Test func aDivergingRunNamesEpochAndBatch() throws {
    let result = run(Self.setup + "\ntrain(net, d, lr: 1e30, momentum: 0)")
    let error = try #require(result.error)
    #expect(error.message.hasPrefix("train(): training diverged at epoch 1, batch "), "\(error.message)")
    #expect(error.message.contains("the model keeps its last finite weights"))
    #expect(error.location?.line == 3)
  }

  @Test func shapeMismatchesNameBothShapes() throws {
    try #require(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist is not installed")
    let result = run(
      """
      data = fashion_mnist(train: 20, test: 10, pad: 32)
      net = mlp([784, 32, 10])
      train(net, data, epochs: 1)
      """)
    let error = try #require(result.error)
    #expect(
      error.message
        == "train(): shape mismatch: model 'mlp' takes examples of shape [784], but the data has examples of shape [1, 32, 32] (1024 values, the model takes 784)"
    )
    #expect(error.notes == ["help: make the first size 1024 (`mlp([1024, ...])`) to match the data"])
    #expect(error.location?.line == 3)
  }

  @Test func tooFewOutputsAndMismatchedEvaluationsAreRefused() {
    expectError(
      Self.setup + "\ntrain(mlp([2, 2]), d)", at: "3:1", "train(): model 'mlp' has 2 outputs but the data has 3 classes")
    expectError(
      Self.setup + "\naccuracy(lenet5(), d)", at: "3:1",
      "accuracy(): shape mismatch: model 'lenet5' takes examples of shape [1, 28, 28], but the test set has examples of shape [2]")
    let result = run(Self.setup + "\naccuracy(lenet5(), d)")
    #expect(result.error?.notes == ["help: build the model with `input: data` (or `input: [2]`) to match the data"])
  }

  @Test func badTrainingArgumentsAreExplained() {
    let setup = Self.setup + "\n"
    expectError(setup + "train(net, d, epoch: 3)", at: "3:15", "train(): no argument 'epoch'; did you mean 'epochs'?")
    expectError(setup + "train(net, d, epochs: 0)", at: "3:1", "train(): argument 'epochs' must be a positive number of epochs, got 0")
    expectError(setup + "train(net, d, lr: -1)", at: "3:1", "train(): argument 'lr' must be a positive learning rate, got -1")
    expectError(
      setup + #"train(net, d, optimizer: "adma")"#, at: "3:1",
      #"train(): argument 'optimizer' must be one of "sgd", "adam", "adamw", got "adma"; did you mean 'adam'?"#)
    expectError(
      setup + #"train(net, d, schedule: "cosin")"#, at: "3:1",
      #"train(): argument 'schedule' must be one of "constant", "cosine", "step", got "cosin"; did you mean 'cosine'?"#)
    expectError(
      setup + #"train(net, d, schedule: "step")"#, at: "3:1",
      #"train(): argument 'step_every' is needed by schedule "step": the number of epochs between decays"#)
    expectError(
      setup + #"train(net, d, optimizer: "adam", momentum: 0.5)"#, at: "3:1",
      #"train(): argument 'momentum' applies to optimizer "sgd" only"#)
    expectError(
      setup + "train(net, d, augment: true)", at: "3:1",
      "train(): argument 'augment' shifts and flips images; the data's examples are not images [channels, height, width]")
    expectError(setup + "train(d, net)", at: "3:7", "train(): argument 'net' must be a Model or a list of Models, got DatasetSplits")
  }
}
