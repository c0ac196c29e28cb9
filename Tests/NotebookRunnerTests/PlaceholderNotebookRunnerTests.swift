import Testing

@Test func NotebookRunnerTestsBuilds() { #expect(1 + 1 == 2) }
