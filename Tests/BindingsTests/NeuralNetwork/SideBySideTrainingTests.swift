import Foundation
import Testing
@testable import Bindings
@testable import Kernel

/// `train` on a list of networks: side by side on the cores, the same results as one after the other.
@Suite struct SideBySideTrainingTests {
  /// Two convolutional networks (Winograd, batch norm, residual blocks: kernels split over the
  /// workers when they run alone) trained side by side end bit for bit where the same two end
  /// when trained one after the other: every tensor, every epoch's loss and accuracy.
  @Test func sideBySideGivesTheSameNetworksAsOneAfterTheOther() throws {
    try #require(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist is not installed")
    let source = """
      data = fashion_mnist(train: 128, test: 64, pad: 32, seed: 3, validation: 0.25)
      fn pair() { return [vgg16(width: 0.0625, input: data, seed: 1), resnet(depth: 8, width: 0.25, input: data, seed: 2)] }
      fn same(a, b) { return len([t for t in a.tensors if a.tensor(t).values != b.tensor(t).values]) == 0 }
      together = pair()
      hs = train(together, data, epochs: 2, lr: 0.05, batch: 32, schedule: "cosine", weight_decay: 5e-4, seed: 4)
      apart = pair()
      solo = [train(n, data, epochs: 2, lr: 0.05, batch: 32, schedule: "cosine", weight_decay: 5e-4, seed: 4) for n in apart]
      print(len(hs), [type(h) for h in hs], [len(h) for h in hs])
      print([same(together[i], apart[i]) for i in range(2)])
      print([[r.loss for r in hs[i]] == [r.loss for r in solo[i]] for i in range(2)])
      print([[r.test_accuracy for r in hs[i]] == [r.test_accuracy for r in solo[i]] for i in range(2)])
      print([hs[i].validation_accuracy == solo[i].validation_accuracy for i in range(2)])
      print(together[0].tensor(together[0].tensors[0]).values == pair()[0].tensor(together[0].tensors[0]).values)
      """
    #expect(
      output(source)
        == """
        2 ["History", "History"] [2, 2]
        [true, true]
        [true, true]
        [true, true]
        [true, true]
        false
        """)
  }

  /// Penalties of one network each (exit heads), one list per network: side by side, the same
  /// networks and heads as trained one after the other.
  @Test func penaltiesPerNetworkGiveTheSameNetworksAsOneAfterTheOther() throws {
    try #require(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist is not installed")
    let source = """
      data = fashion_mnist(train: 96, test: 32, validation: 0.25, seed: 1)
      fn pair() {
        return [multi_exit(vgg_small(width: 0.0625, input: data, seed: 1), ["relu2", "relu4"]),
                multi_exit(vgg_small(width: 0.0625, input: data, seed: 2), ["relu2", "relu4"])]
      }
      fn same(a, b) { return len([t for t in a.tensors if a.tensor(t).values != b.tensor(t).values]) == 0 }
      together = pair()
      hs = train([together[0].model, together[1].model], data, epochs: 1, lr: 0.02, batch: 16, seed: 3, evaluate: false,
                 penalties: [[exit_loss(together[0])], [exit_loss(together[1], kind: "confidence")]])
      apart = pair()
      h0 = train(apart[0].model, data, epochs: 1, lr: 0.02, batch: 16, seed: 3, evaluate: false, penalties: [exit_loss(apart[0])])
      h1 = train(apart[1].model, data, epochs: 1, lr: 0.02, batch: 16, seed: 3, evaluate: false,
                 penalties: [exit_loss(apart[1], kind: "confidence")])
      print([same(together[i].model, apart[i].model) for i in range(2)])
      print([r.loss for r in hs[0]] == [r.loss for r in h0], [r.loss for r in hs[1]] == [r.loss for r in h1])
      """
    #expect(output(source) == "[true, true]\ntrue true")
    // A penalty with heads of its own cannot be shared by several networks.
    expectError(
      "data = fashion_mnist(train: 64, test: 16, seed: 1)\nee = multi_exit(vgg_small(width: 0.0625, input: data), [\"relu2\"])\n"
        + "train([ee.model, vgg_small(width: 0.0625, input: data)], data, penalties: [exit_loss(ee)])", at: "3:1",
      "train(): argument 'penalties' holds 'Σ 1/(N−i+1) · BCE(exit i, pos_weight 36)', which belongs to one network (its own heads or taps); give one list per network (`[[...], [...]]`)")
  }

  /// The caller reports the networks' progress together while they train.
  @Test func progressCoversEveryNetwork() {
    let session = Session(file: "nb.md")
    let events = ProgressLog()
    session.onProgress = { events.append($0) }
    let result = session.run(
      """
      d = synthetic("blobs", n: 6000, classes: 3, seed: 2)
      nets = [mlp([2, 64, 64, 3], seed: 1), mlp([2, 64, 3], seed: 2)]
      hs = train(nets, d, epochs: 3, batch: 4)
      """, line: 1)
    #expect(result.error == nil)
    let training = events.items.filter { $0.task.hasPrefix("train side by side: ") }
    #expect(!training.isEmpty)
    // Both networks' batches over all epochs: one total, a multiple of 2 networks × 3 epochs.
    let total = training.first?.total ?? 0
    #expect(total > 0 && total % 6 == 0)
    #expect(training.allSatisfy { $0.task.contains("mlp epoch ") && $0.total == total && $0.done <= total })
    #expect(zip(training, training.dropFirst()).allSatisfy { $0.done <= $1.done })
  }

  @Test func aTimeoutStopsEveryNetworkAtTheCall() {
    let session = Session(file: "nb.md")
    let result = session.run(
      """
      d = synthetic("blobs", n: 3000, classes: 3, seed: 2)
      nets = [mlp([2, 64, 64, 3]), mlp([2, 32, 3])]
      hs = train(nets, d, epochs: 100000, batch: 8)
      """, line: 1, timeout: 0.5)
    #expect(result.error?.message == "cell timed out after 0.5 s")
    #expect(result.error?.location?.line == 3)
    #expect(session.value(of: "hs") == nil)
  }

  /// Both networks diverge at once; whichever fails first stops the other, and the error is a
  /// divergence (never the stop it caused), naming the network it came from.
  @Test func aFailingNetworkStopsTheOthersAndIsNamed() throws {
    let result = run(
      """
      d = synthetic("blobs", n: 600, classes: 3, seed: 2)
      train([mlp([2, 16, 3], seed: 1), mlp([2, 16, 3], seed: 2)], d, epochs: 100000, lr: 1e30, momentum: 0)
      """)
    let error = try #require(result.error)
    let named = ["1", "2"].contains { error.message.hasPrefix("train(): network \($0) of 2 ('mlp'): training diverged at epoch 1, batch ") }
    #expect(named, "\(error.message)")
    #expect(error.location?.line == 2)
  }

  @Test func badListsAreExplained() {
    let setup = "d = synthetic(\"blobs\", n: 600, classes: 3, seed: 2)\nnet = mlp([2, 16, 3], seed: 1)\n"
    expectError(setup + "train([], d)", at: "3:1", "train(): argument 'net' is an empty list; give a network or a list of networks")
    expectError(
      setup + "train([net, mlp([2, 8, 3]), net], d)", at: "3:1",
      "train(): argument 'net' holds network 'mlp' twice (elements 1 and 3); give each network once, or train a copy (`net.copy()`)")
    expectError(
      setup + "train([net, 3], d)", at: "3:7",
      "train(): argument 'net' must be a Model or a list of Models, got a list with a number at index 1")
    expectError(
      setup + "train([net, mlp([2, 2])], d)", at: "3:1", "train(): model 'mlp' has 2 outputs but the data has 3 classes")
    expectError(
      setup + "train([net, mlp([2, 8, 3])], d, penalties: [[l1(0.01)]])", at: "3:1",
      "train(): argument 'penalties' has 1 list for 2 networks; give one list per network, or one list for all")
  }
}
