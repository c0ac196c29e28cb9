import Testing

@testable import NeuralNetwork

/// Model construction and data loading call back between their steps, so a time limit or
/// Ctrl-C stops them (the bindings throw from the callback).
@Suite struct CheckpointCallbackTests {
  struct Stop: Error {}

  @Test func buildingAModelCallsBackBeforeMakingAndInitialisingEachLayer() throws {
    let architecture = try Architecture.mlp(sizes: [4, 8, 8, 2])
    var calls = 0
    _ = try Model(architecture: architecture, seed: 1, checkpoint: { calls += 1 })
    let layers = try Model(architecture: architecture).allLayers.count
    #expect(calls == architecture.layers.count + layers, "one call per top-level layer made, one per layer initialised")

    var seen = 0
    #expect(throws: Stop.self) {
      _ = try Model(architecture: architecture, seed: 1, checkpoint: {
        seen += 1
        if seen == 3 { throw Stop() }
      })
    }
    #expect(seen == 3, "the build stops at the first callback that throws")
  }

  @Test func loadingFashionMNISTCallsBackBetweenItsSteps() throws {
    var calls = 0
    _ = try FashionMNIST.load(train: 100, test: 100, seed: 1, checkpoint: { calls += 1 })
    #expect(calls == 3, "after the training part, the test part, and the preparation")
    #expect(throws: Stop.self) {
      _ = try FashionMNIST.load(train: 100, test: 100, seed: 1, checkpoint: { throw Stop() })
    }
  }
}
