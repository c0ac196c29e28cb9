import Foundation
import Testing
@testable import Bindings
@testable import Kernel

@Suite struct EvaluationBuiltinTests {
  static let trained = """
    d = synthetic("blobs", n: 300, classes: 3, seed: 2)
    net = mlp([2, 16, 3], seed: 1)
    h = train(net, d, epochs: 3, batch: 16)
    """

  @Test func evaluateGivesAccuracyLossPerClassAndConfusion() {
    let source = Self.trained + """

      e = evaluate(net, d)
      c = e.confusion
      print(keys(e), e.count, e.accuracy == accuracy(net, d.test), e.accuracy == h.last.test_accuracy)
      print(len(c), len(c[0]), sum([sum(row) for row in c]), sum([c[i][i] for i in range(3)]) / 60 == e.accuracy)
      print(e.per_class == [r.accuracy for r in per_class_accuracy(net, d)], e.loss > 0, confusion_matrix(net, d.test) == c)
      """
    #expect(
      output(source)
        == """
        ["accuracy", "loss", "count", "per_class", "confusion"] 60 true true
        3 3 60 true
        true true true
        """)
  }

  @Test func perClassRowsMakeATableAndTheConfusionMatrixAHeatmap() throws {
    let result = run(
      Self.trained + """

        show(table(per_class_accuracy(net, d.test), formats: {accuracy: ".1%"}))
        heatmap(confusion_matrix(net, d.test, normalize: true), row_labels: d.classes, column_labels: d.classes)
        """)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    let table = try #require(result.outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.first)
    #expect(table.columns == ["label", "class", "examples", "accuracy"])
    #expect(table.rows.map { $0[1].text } == ["blob 0", "blob 1", "blob 2"])
    #expect(table.rows.map { $0[2].text } == ["20", "20", "20"])
    let chart = try #require(result.outputs.compactMap { if case .chart(let c) = $0 { return c } else { return nil } }.first)
    let grid = try #require(chart.spec.grid)
    #expect(grid.values.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-9 })
    #expect(grid.rowLabels == ["blob 0", "blob 1", "blob 2"])
  }

  @Test func predictGivesOneClassPerExample() {
    let source = Self.trained + """

      p = predict(net, d.test)
      print(len(p), len([i for i in range(len(p)) if p[i] == d.test.labels[i]]) / len(p) == accuracy(net, d.test))
      """
    #expect(output(source) == "60 true")
  }

  @Test func accuracyUnderVariationIsAMonteCarloMean() {
    let source = Self.trained + """

      a = accuracy(net, d, variation: 0.3, samples: 3, seed: 1)
      b = accuracy(net, d.test, variation: lognormal(0.3), samples: 3, seed: 1)
      r = accuracy_under_variation(net, d, sigma: 0.3, samples: 3, seed: 1)
      print(a == b, a == r.mean, a == sum(r.samples) / len(r.samples), len(r.samples), a != accuracy(net, d, variation: 0.3, samples: 3, seed: 2))
      """
    #expect(output(source) == "true true true 3 true")
    expectError(
      Self.trained + "\naccuracy(net, d, samples: 3)", at: "4:1",
      "accuracy(): argument 'samples' only applies with `variation` (the Monte Carlo accuracy on crossbars)")
  }

  @Test func evaluationHonoursInterruption() {
    // The data and the model are made in a cell without a timeout, so only the evaluation is timed.
    let session = Session(file: "nb.md")
    let setup = session.run("d = synthetic(\"blobs\", n: 300000, classes: 3, seed: 2)\nnet = mlp([2, 256, 256, 3])", line: 1)
    #expect(setup.error == nil)
    let result = session.run("accuracy(net, d.train, batch: 1)", line: 3, timeout: 1)
    #expect(result.error?.message == "cell timed out after 1 s")
    #expect(result.error?.location?.line == 3)
  }

  @Test func badEvaluationArgumentsAreExplained() {
    expectError(Self.trained + "\naccuracy(net, d, batch: 0)", at: "4:1", "accuracy(): argument 'batch' must be a positive batch size, got 0")
    expectError(Self.trained + "\naccuracy(net, [1, 2])", at: "4:15", "accuracy(): argument 'data' must be a DatasetSplits or a Dataset, got list")
    expectError(Self.trained + "\nevaluate(net, d, normalize: true)", at: "4:18", "evaluate(): no argument 'normalize'")
  }
}
