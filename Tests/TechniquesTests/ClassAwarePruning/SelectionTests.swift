import Testing

@testable import Techniques

@Suite("Class-aware pruning: selection")
struct SelectionTests {
  static let scores = FilterImportance(
    layers: [
      LayerImportance(layer: "a", perClass: [], importance: [5, 0.5, 3, 1, 9], taylor: []),
      LayerImportance(layer: "b", perClass: [], importance: [0, 0, 10], taylor: []),
      LayerImportance(layer: "c", perClass: [], importance: [7, 8], taylor: []),
    ], classCount: 10, imagesPerClass: 10, tau: 1e-50, aggregation: .maxThenSum)

  @Test func removesEveryFilterBelowTheThreshold() {
    let plan = PruningSelection(threshold: 4).select(from: Self.scores)
    #expect(plan.map(\.layer) == ["a", "b"])
    #expect(plan.map(\.filters) == [[1, 2, 3], [0, 1]])
  }

  @Test func capsPerLayerTakingTheLeastImportantFirst() {
    let plan = PruningSelection(threshold: 4, maxPerLayer: 2).select(from: Self.scores)
    // In layer a: 0.5 (filter 1) and 1 (filter 3) go before 3 (filter 2).
    #expect(plan.map(\.filters) == [[1, 3], [0, 1]])
  }

  @Test func keepsTheMinimumPerLayer() {
    let plan = PruningSelection(threshold: 100, minimumKept: 2).select(from: Self.scores)
    #expect(plan.map(\.filters) == [[1, 2, 3], [0], []].filter { !$0.isEmpty })
    #expect(plan.map(\.layer) == ["a", "b"])
  }

  @Test func rejectsBadSettings() {
    #expect(throws: ClassAwarePruningError.self) { try PruningSelection(threshold: -1).validate() }
    #expect(throws: ClassAwarePruningError.self) { try PruningSelection(threshold: 1, minimumKept: 0).validate() }
    #expect(throws: ClassAwarePruningError.self) { try PruningSelection(threshold: 1, maxPerLayer: -2).validate() }
  }
}
