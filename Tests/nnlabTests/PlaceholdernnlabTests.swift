import Testing

@Test func nnlabTestsBuilds() { #expect(1 + 1 == 2) }
