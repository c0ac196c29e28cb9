import Foundation
import NeuralNetwork
import Testing

@testable import Bindings
@testable import Kernel

/// A session with a small Fashion-MNIST set (with a validation part) and a narrow VGG-small with two exits.
func eeSession(train: Bool = true) -> (Session, CellResult) {
  let session = Session(file: "ee.md")
  var setup = """
    data = fashion_mnist(train: 120, test: 40, validation: 0.25, seed: 1)
    net = vgg_small(width: 0.0625, input: data, seed: 1)
    ee = multi_exit(net, ["relu4", "relu2"])
    """
  if train { setup += "\nh = train(ee.model, data, epochs: 1, lr: 0.02, penalties: [exit_loss(ee)], evaluate: false)" }
  return (session, session.run(setup, line: 1))
}

@Suite("Early-exit builtins", .requires("dataset-fashion-mnist (make test installs it) or NNLAB_DATA", FashionMNIST.isAvailable()))
struct EarlyExitLibraryTests {
  @Test func buildTrainSearchAndEvaluate() throws {
    let (session, setup) = eeSession()
    #expect(setup.error == nil, "\(setup.error?.rendered ?? "")")
    let result = session.run(
      """
      exits = ee.exits
      same = ee.macs == net.macs
      val = exit_scores(ee, data)
      test = exit_scores(ee, data, part: "test")
      b = beta_search(val, 0.01)
      e = exit_evaluate(ee, data, search: b, batch: 7)
      r = exit_replay(test, search: b)
      agree = e.accuracy == r.accuracy and e.macs == r.macs and e.accuracy_unmasked == r.accuracy_unmasked
      rows = len(e.exits)
      points = len(e.exit_points)
      nb = len(b.betas)
      trials = len(b) > 0
      t = exit_evaluate(ee, data, threshold: 0.9, time: true)
      timed = t.seconds > 0 and t.original_seconds > 0
      untimed = e.seconds == none
      penalty = exit_loss(ee).name
      e
      """, line: 10)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(session.value(of: "exits")?.repr == "[\"relu2\", \"relu4\"]")
    #expect(session.value(of: "same")?.repr == "true")
    #expect(session.value(of: "agree")?.repr == "true")
    #expect(session.value(of: "rows")?.repr == "3")
    #expect(session.value(of: "points")?.repr == "40")
    #expect(session.value(of: "nb")?.repr == "2")
    #expect(session.value(of: "trials")?.repr == "true")
    #expect(session.value(of: "timed")?.repr == "true")
    #expect(session.value(of: "untimed")?.repr == "true")
    #expect(session.value(of: "penalty")?.repr.contains("pos_weight 36") == true)
    let shown = texts(result).joined(separator: "\n")
    #expect(shown.contains("<ExitEvaluation exclusion: accuracy"))
    #expect(result.outputs.contains { if case .table = $0 { return true } else { return false } })
  }

  @Test func confidenceHeadsAndTheirSearch() throws {
    let (session, setup) = eeSession(train: false)
    #expect(setup.error == nil, "\(setup.error?.rendered ?? "")")
    let result = session.run(
      """
      h = train(ee.model, data, epochs: 1, penalties: [exit_loss(ee, kind: "confidence")], evaluate: false)
      s = cr_search(exit_scores(ee, data), 0.01)
      method = s.method
      ok = s.threshold > 0 and s.threshold <= 1 and s.betas == none
      e = exit_evaluate(ee, data, search: s)
      m = e.method
      """, line: 10)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(session.value(of: "method")?.repr == "\"confidence\"")
    #expect(session.value(of: "ok")?.repr == "true")
    #expect(session.value(of: "m")?.repr == "\"confidence\"")
  }

  @Test func longRunsHonourTheCellTimeout() {
    let (session, setup) = eeSession(train: false)
    #expect(setup.error == nil)
    // A thousand timed repeats at batch 1 take far longer than half a second: the run stops at a batch boundary.
    let result = session.run("exit_evaluate(ee, data, betas: [0.5, 0.5], batch: 1, time: true, repeats: 1000)", line: 4, timeout: 0.5)
    #expect(result.error?.message == "cell timed out after 0.5 s")
    #expect(result.error?.location?.line == 4)
  }

  @Test func anUnknownExitLayerSuggestsTheNearest() {
    let (session, _) = eeSession(train: false)
    let result = session.run("multi_exit(net, [\"relu1\", \"rleu2\"])", line: 5)
    #expect(result.error?.message.contains("has no layer 'rleu2'; did you mean 'relu2'?") == true, "\(result.error?.message ?? "none")")
    #expect(result.error?.message.contains("'exits'") == true)
    #expect(result.error?.location?.line == 5)
  }

  @Test func aHeadOnAVectorIsRefused() {
    let (session, _) = eeSession(train: false)
    let result = session.run("multi_exit(net, [\"flatten\"])", line: 1)
    #expect(result.error?.message.contains("not a feature map") == true, "\(result.error?.message ?? "none")")
  }

  @Test func betaOutsideTheUnitIntervalIsRefused() {
    let (session, _) = eeSession(train: false)
    for betas in ["[1.5, 0.2]", "[0, 0.2]"] {
      let result = session.run("exit_replay(exit_scores(ee, data), betas: \(betas))", line: 1)
      #expect(result.error?.message.contains("must be in (0, 1]") == true, "\(result.error?.message ?? "none")")
      #expect(result.error?.message.contains("'betas'") == true)
    }
    // none turns an exit off and is accepted.
    #expect(session.run("x = exit_replay(exit_scores(ee, data), betas: [none, 0.5])", line: 1).error == nil)
  }

  @Test func policyArgumentsAreExclusiveAndCounted() {
    let (session, _) = eeSession(train: false)
    let both = session.run("exit_replay(exit_scores(ee, data), betas: [0.5, 0.5], threshold: 0.9)", line: 1)
    #expect(both.error?.message.contains("exactly one of 'betas', 'threshold' and 'search'") == true)
    let count = session.run("exit_replay(exit_scores(ee, data), betas: [0.5])", line: 1)
    #expect(count.error?.message.contains("1 β values for 2 exits") == true, "\(count.error?.message ?? "none")")
    let tolerance = session.run("beta_search(exit_scores(ee, data), -1)", line: 1)
    #expect(tolerance.error?.message.contains("tolerance must be in [0, 1)") == true)
    let kind = session.run("exit_loss(ee, kind: \"confidense\")", line: 1)
    #expect(kind.error?.message.contains("did you mean 'confidence'") == true, "\(kind.error?.message ?? "none")")
  }
}
