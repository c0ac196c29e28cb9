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

  @Test func theDefaultBudgetIsHalfTheMachinesMemory() {
    #expect(Session.defaultMemoryBudget == Int(ProcessInfo.processInfo.physicalMemory / 2))
  }
}
