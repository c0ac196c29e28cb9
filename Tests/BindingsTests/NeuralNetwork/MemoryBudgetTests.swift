import Foundation
import Testing
@testable import Bindings
@testable import Kernel

/// Builtins estimate what they will allocate from the sizes they are given and refuse above
/// the session's budget: `mlp([100000, 100000, 100000])` aborted the process, and
/// `mlp([2, 1000000000, 3])` grew past 10 GB.
@Suite struct MemoryBudgetTests {
  func run(_ source: String) -> CellResult {
    Session(file: "nb.md", memoryBudget: 1_000_000_000).run(source, line: 1)
  }

  @Test func modelsAboveTheBudgetAreRefusedBeforeAllocating() {
    let wide = run("net = mlp([100000, 100000, 100000])")
    #expect(wide.error?.message == "mlp(): a model of 20,000,200,000 parameters would need about 320 GB, over the memory budget of 1 GB (half this machine's memory unless --memory-limit says otherwise)")
    #expect(wide.error?.location.map { "\($0.line):\($0.column)" } == "1:7")
    let tall = run("net = mlp([2, 1000000000, 3])")
    #expect(tall.error?.message.hasPrefix("mlp(): a model of 6,000,000,003 parameters would need about 96 GB") == true)
    let vgg = run("net = vgg16(width: 8, input: [3, 32, 32])")
    #expect(vgg.error?.message.hasPrefix("vgg16(): a model of ") == true, "\(vgg.error?.message ?? "")")
    // Far beyond what an Int holds: the estimate saturates instead of overflowing.
    let huge = run("net = mlp([3037000500, 3037000500, 3037000500])")
    #expect(huge.error?.message.contains("more than a petabyte") == true, "\(huge.error?.message ?? "")")
    // Under the budget, models are built as before.
    #expect(run("net = mlp([784, 256, 10])\nprint(net.parameters)").error == nil)
  }

  @Test func dataAboveTheBudgetIsRefusedBeforeLoading() {
    let padded = run("d = fashion_mnist(train: 10, test: 10, pad: 100000)")
    #expect(padded.error?.message.hasPrefix("fashion_mnist(): 20 images of 100000 x 100000 would need about 800 GB, over") == true, "\(padded.error?.message ?? "")")
  }

  @Test func syntheticDataAboveTheBudgetIsRefused() {
    let many = run("d = synthetic(\"blobs\", n: 300000000, classes: 3, dimensions: 4)")
    #expect(many.error?.message == "synthetic(): 300,000,000 points of 4 dimensions would need about 18 GB, over the memory budget of 1 GB (half this machine's memory unless --memory-limit says otherwise)")
    #expect(many.error?.location.map { "\($0.line):\($0.column)" } == "1:5")
    #expect(run("d = synthetic(\"spirals\", n: 300, classes: 3)").error == nil)
  }

  @Test func batchesWhoseActivationsExceedTheBudgetAreRefused() {
    // A narrow VGG-small has about 180,000 activations an image. Batches are capped by the data
    // (20 images): training on 20 keeps about 43 MB (12 bytes a value), evaluating 20 about
    // 29 MB (8 bytes), both over a 20 MB budget, while an evaluation batch of 10 (14 MB) fits.
    let source = """
      d = fashion_mnist(train: 20, test: 20, pad: 32)
      net = vgg_small(classes: 10, width: 0.125, input: [1, 32, 32])
      """
    let session = Session(file: "nb.md", memoryBudget: 20_000_000)
    #expect(session.run(source, line: 1).error == nil)
    let train = session.run("train(net, d, epochs: 1, batch: 100000)", line: 3)
    #expect(train.error?.message.hasPrefix("train(): a batch of 20 examples through vgg_small (") == true, "\(train.error?.message ?? "")")
    #expect(train.error?.location.map { "\($0.line):\($0.column)" } == "3:1")
    #expect(session.run("accuracy(net, d, batch: 100000)", line: 4).error?.message.hasPrefix("accuracy(): a batch of 20 examples") == true)
    #expect(session.run("accuracy(net, d, batch: 10)", line: 5).error == nil, "a batch that fits still runs")
  }

  @Test func theDefaultBudgetIsHalfTheMachinesMemory() {
    #expect(Session.defaultMemoryBudget == Int(ProcessInfo.processInfo.physicalMemory / 2))
  }
}
