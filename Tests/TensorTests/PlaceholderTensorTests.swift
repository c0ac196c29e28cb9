import Testing

@Test func TensorTestsBuilds() { #expect(1 + 1 == 2) }
