import Testing

@Test func NeuralNetworkTestsBuilds() { #expect(1 + 1 == 2) }
