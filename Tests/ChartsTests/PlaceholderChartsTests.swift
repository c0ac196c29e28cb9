import Testing

@Test func ChartsTestsBuilds() { #expect(1 + 1 == 2) }
