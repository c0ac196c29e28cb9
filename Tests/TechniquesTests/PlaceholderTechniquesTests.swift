import Testing

@Test func TechniquesTestsBuilds() { #expect(1 + 1 == 2) }
