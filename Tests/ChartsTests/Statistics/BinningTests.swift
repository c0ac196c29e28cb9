import Testing
@testable import Charts

@Suite struct BinningTests {
  @Test func requestedBinsCountEveryValue() {
    let binning = Binning(series: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], requested: 5, logarithmic: false)
    #expect(binning.edges == [0, 2, 4, 6, 8, 10])
    #expect(binning.counts == [[2, 2, 2, 2, 3]])  // the last bin is closed
    #expect(binning.rule == .requested)
  }

  @Test func seriesShareEdges() {
    let binning = Binning(series: [[0, 1, 2], [8, 9, 10, .nan]], requested: 2, logarithmic: false)
    #expect(binning.edges == [0, 5, 10])
    #expect(binning.counts == [[3, 0], [0, 3]])
  }

  @Test func freedmanDiaconisForSpreadData() {
    let values = (0..<1000).map { Double($0) }
    let binning = Binning(series: [values], requested: nil, logarithmic: false)
    #expect(binning.rule == .freedmanDiaconis)
    // h = 2 · 499.5 / 10 = 99.9, so 999 / 99.9 rounds up to 10 bins.
    #expect(binning.edges.count - 1 == 10)
    #expect(binning.counts[0].reduce(0, +) == 1000)
  }

  @Test func sturgesWhenTheQuartilesCoincide() {
    let values = [Double](repeating: 1, count: 50) + [2, 3]
    let binning = Binning(series: [values], requested: nil, logarithmic: false)
    #expect(binning.rule == .sturges)
    #expect(binning.edges.count - 1 == 7)  // ceil(log2 52) + 1
  }

  @Test func singleValueGetsOneVisibleBin() {
    let binning = Binning(series: [[3, 3, 3]], requested: nil, logarithmic: false)
    #expect(binning.edges.count == 2)
    #expect(binning.edges[0] < 3 && binning.edges[1] > 3)
    #expect(binning.counts == [[3]])
  }

  @Test func logarithmicBinsAreEvenInLogSpace() {
    let binning = Binning(series: [[1, 10, 100, 1000]], requested: 3, logarithmic: true)
    #expect(binning.edges.count == 4)
    #expect(abs(binning.edges[1] - 10) < 1e-9 && abs(binning.edges[2] - 100) < 1e-9)
    #expect(binning.counts == [[1, 1, 2]])
  }

  @Test func absurdRequestsAreClamped() {
    #expect(Binning(series: [[0, 1]], requested: -3, logarithmic: false).edges.count == 2)
    #expect(Binning(series: [[0, 1]], requested: 1_000_000, logarithmic: false).edges.count == Binning.maxBins + 1)
  }
}
