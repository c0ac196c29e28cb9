import Testing

@Test func KernelTestsBuilds() { #expect(1 + 1 == 2) }
