import Testing

@Test func HardwareTestsBuilds() { #expect(1 + 1 == 2) }
