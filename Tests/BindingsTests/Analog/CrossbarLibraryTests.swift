import Foundation
import Testing
@testable import Bindings
@testable import Kernel

@Suite struct CrossbarLibraryTests {
  /// A trained MLP on separable blobs, shared by the cells below.
  static let setup = """
    d = synthetic("blobs", n: 300, classes: 3, seed: 2)
    net = mlp([2, 16, 3], seed: 1)
    train(net, d, epochs: 3)
    """

  @Test func crossbarDisplaysItsSettings() throws {
    let result = run("crossbar(levels: 16, adc_bits: 6)")
    #expect(result.error == nil)
    guard case .table(let table)? = result.outputs.last else {
      Issue.record("no table: \(result.outputs)")
      return
    }
    #expect(table.columns == ["setting", "value"])
    #expect(table.rows.map { $0[0].text } == ["tile", "g_min", "g_max", "levels", "DAC", "ADC"])
    #expect(table.rows.map { $0[1].text } == [
      "128 rows x 128 columns (differential pairs)", "1.111 uS", "166.7 uS", "16", "ideal", "6 bits per tile column",
    ])
  }

  @Test func crossbarMembers() {
    #expect(
      output("x = crossbar(rows: 64, cols: 32, g_min: 2, g_max: 50, dac_bits: 4)\nprint(x.rows, x.cols, x.g_min, x.g_max, x.levels, x.dac_bits, x.adc_bits)\nprint(x)")
        == "64 32 2 50 none 4 none\n<Crossbar 64x32, 2-50 uS, 4-bit DAC>")
  }

  @Test func crossbarSettingsAreChecked() {
    expectError("crossbar(levels: 1)", at: "1:1", "crossbar(): a device needs at least 2 conductance levels, got 1")
    expectError(
      "crossbar(g_min: 5, g_max: 1)", at: "1:1",
      "crossbar(): conductances need 0 <= g_min < g_max, got g_min 5.0 uS and g_max 1.0 uS")
    expectError("crossbar(adc_bits: 1)", at: "1:1", "crossbar(): ADC resolution must be 2 to 24 bits, got 1")
  }

  @Test func lognormalVariation() {
    #expect(output("v = lognormal(0.5)\nprint(v.sigma, v.model, v.mean_factor == exp(0.125))\nprint(v)") == "0.5 weight true\n<Variation lognormal sigma 0.5, weight>")
    #expect(output("print(lognormal(0.1, model: \"devices\").model)") == "devices")
    expectError(
      "lognormal(0.1, model: \"device\")", at: "1:1", #"lognormal(): argument 'model' must be one of "weight", "devices", got "device"; did you mean 'devices'?"#)
    expectError("lognormal(-1)", at: "1:1", "lognormal(): argument 'sigma' must be a finite number >= 0, got -1")
  }

  @Test func zeroSigmaGivesTheFloatAccuracy() {
    let source = Self.setup + """

      r = accuracy_under_variation(net, d, sigma: 0, samples: 3)
      print(r.mean == accuracy(net, d), r.std, r.min == r.max, len(r.samples), r.sigma, r.model)
      """
    #expect(output(source) == "true 0 true 3 0 weight")
  }

  @Test func variationSamplesAreSeeded() {
    let source = Self.setup + """

      a = accuracy_under_variation(net, d, sigma: lognormal(1.0, model: "devices"), samples: 4, seed: 3)
      b = accuracy_under_variation(net, d, sigma: lognormal(1.0, model: "devices"), samples: 4, seed: 3)
      c = accuracy_under_variation(net, d, sigma: 1.0, samples: 4, seed: 4, crossbar: crossbar(levels: 8))
      m = sum(a.samples) / len(a.samples)
      sd = sqrt(sum([(s - m) * (s - m) for s in a.samples]) / (len(a.samples) - 1))
      print(a.samples == b.samples, a.model, c.model, a.mean == m, a.min == min(a.samples), a.max == max(a.samples), abs(a.std - sd) < 1e-12)
      print(len(a.samples), a.samples != c.samples)
      """
    #expect(output(source) == "true devices weight true true true true\n4 true")
  }

  /// DESIGN.md's form: `accuracy` with `variation` is the Monte Carlo mean of the crossbar binding.
  @Test func accuracyWithVariationIsTheMonteCarloMean() {
    let source = Self.setup + """

      rows = [{sigma: s, accuracy: accuracy(net, d, variation: lognormal(s), samples: 3, seed: 1)} for s in [0, 0.5]]
      r = accuracy_under_variation(net, d, sigma: 0.5, samples: 3, seed: 1)
      print(rows[0].accuracy == accuracy(net, d), rows[1].accuracy == r.mean)
      """
    #expect(output(source) == "true true")
  }

  @Test func variationArgumentsAreChecked() {
    let setup = Self.setup + "\n"
    expectError(
      setup + "accuracy_under_variation(net, d, samples: 2)", at: "4:1",
      "accuracy_under_variation(): give the variation, e.g. `sigma: 0.2` or `sigma: lognormal(0.2)`")
    expectError(
      setup + "accuracy_under_variation(net, d, sigma: 0.1, samples: 0)", at: "4:1",
      "accuracy_under_variation(): argument 'samples' must be at least 1, got 0")
  }

  @Test func mapShowsTheTilesOfEachLayer() {
    let source = """
      net = lenet5(seed: 1)
      t = crossbar().map(net)
      print([r.layer for r in t.rows])
      print([r.tiles for r in t.rows])
      """
    // conv1 6x25: 1 tile; conv2 16x150: 2 down; fc1 120x400: 4 down; fc2 84x120, fc3 10x84: 1 each.
    #expect(output(source) == "[\"conv1\", \"conv2\", \"fc1\", \"fc2\", \"fc3\", \"total\"]\n[1, 2, 4, 1, 1, 9]")
  }

  @Test func samplesReportProgress() {
    let session = Session(file: "nb.md")
    let events = Events()
    session.onProgress = { events.append($0) }
    let result = session.run(Self.setup + "\naccuracy_under_variation(net, d, sigma: 0.3, samples: 5)", line: 1)
    #expect(result.error == nil)
    let mine = events.all.filter { $0.task.contains("under variation") }
    #expect(mine.map(\.done) == [1, 2, 3, 4, 5])
    #expect(mine.allSatisfy { $0.total == 5 && $0.task == "mlp under variation sigma 0.3" })
  }

  @Test func longRunsStopAtTheCellTimeout() {
    let result = run(Self.setup + "\naccuracy_under_variation(net, d, sigma: 0.3, samples: 1000000)", timeout: 1)
    #expect(result.error?.message == "cell timed out after 1 s")
  }

  /// Progress events collected from the session's callback.
  final class Events: @unchecked Sendable {
    private let lock = NSLock()
    private var events = [ProgressEvent]()
    func append(_ event: ProgressEvent) { lock.withLock { events.append(event) } }
    var all: [ProgressEvent] { lock.withLock { events } }
  }
}
