import Testing

@testable import Bindings
@testable import Kernel

/// A session with a small blobs data set and an MLP (fc1, fc2) trained briefly.
private func preparedSession() -> (Session, CellResult) {
  let session = Session(file: "cn.md")
  let setup = """
    data = synthetic("blobs", n: 300, classes: 3, seed: 1, validation: 0.2)
    net = mlp([2, 16, 3], seed: 1)
    h = train(net, data, epochs: 3, lr: 0.05, seed: 1)
    """
  return (session, session.run(setup, line: 1))
}

@Suite("CorrectNet builtins")
struct CorrectNetLibraryTests {
  @Test func lambdaAndPenaltyFollowTheFormula() {
    #expect(eval("round(lipschitz_lambda(0.5, k: 0.9), 6)") == "0.305618")
    #expect(eval("lipschitz_lambda(0, k: 0.7)") == "0.7")
    #expect(eval("lipschitz(0.01, sigma: 0.5).name").hasPrefix("\"0.01 · Σ‖WᵀW − λ²I‖² (λ = 0.3056"))
  }

  @Test func badSigmaAndKAreRefused() {
    expectError(
      "lipschitz(0.01, sigma: 0.5, k: 1)", at: "1:1",
      "lipschitz(): argument 'k' must be between 0 and 1 (the bound needs k < 1), got 1")
    expectError(
      "lipschitz_lambda(-0.1)", at: "1:1", "lipschitz_lambda(): argument 'sigma' must be a finite number >= 0, got -0.1")
    expectError("lipschitz(-1, sigma: 0.2)", at: "1:1", "lipschitz(): argument 'beta' must be zero or positive, got -1")
  }

  @Test func trainingWithThePenaltyAndTheSpectrum() {
    let (session, setup) = preparedSession()
    #expect(setup.error == nil, "\(setup.error?.rendered ?? "")")
    let result = session.run(
      """
      h2 = train(net, data, epochs: 1, penalties: [lipschitz(0.01, sigma: 0.3)])
      s = weight_spectrum(net)
      layers = [r.layer for r in s]
      positive = min([r.sigma_max for r in s]) > 0
      """, line: 10)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(session.value(of: "layers")?.repr == "[\"fc1\", \"fc2\"]")
    #expect(session.value(of: "positive")?.repr == "true")
  }

  @Test func compensationOnAMissingLayerSuggestsTheNearest() {
    let (session, setup) = preparedSession()
    #expect(setup.error == nil)
    let result = session.run("compensate(net, data, layers: [\"fc3\"], sigma: 0.3)", line: 10)
    #expect(
      result.error?.message
        == "compensate(): model 'mlp' has no layer 'fc3'; did you mean 'fc1'? (layers that can be compensated: fc1, fc2)")
    let relu = session.run("compensate(net, data, layers: [\"relu1\"], sigma: 0.3)", line: 11)
    #expect(relu.error?.message.hasPrefix("compensate(): layer 'relu1' is a ") == true)
    let sigma = session.run("compensate(net, data, layers: [\"fc1\"], sigma: -1)", line: 12)
    #expect(sigma.error?.message == "compensate(): argument 'sigma' must be a finite number >= 0, got -1")
  }

  @Test func compensationTrainsAndEvaluatesPairedWithTheCrossbarMonteCarlo() {
    let (session, setup) = preparedSession()
    #expect(setup.error == nil)
    let result = session.run(
      """
      c = compensate(net, data, layers: ["fc1", "fc2"], sigma: 0.5, rank: 2, epochs: 2, seed: 3)
      none_ = compensate(net, data, layers: [], sigma: 0.5)
      a = compensated_accuracy(none_, data, sigma: 0.5, samples: 5, seed: 7)
      b = accuracy_under_variation(net, data, sigma: 0.5, samples: 5, seed: 7)
      paired = a.samples == b.samples
      with_ = compensated_accuracy(c, data, sigma: 0.5, samples: 5, seed: 7)
      layers = c.layers
      weights = c.weights
      rows = len(table(c).rows)
      ok = with_.mean >= 0 and with_.mean <= 1 and c.macs_overhead > 0
      c
      """, line: 10)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(session.value(of: "paired")?.repr == "true")
    #expect(session.value(of: "layers")?.repr == "[\"fc1\", \"fc2\"]")
    // fc1 2 → 16 rank 2: 4 + 32 + 16; fc2 16 → 3 rank 2: 32 + 6 + 3.
    #expect(session.value(of: "weights")?.repr == "93")
    #expect(session.value(of: "rows")?.repr == "2")
    #expect(session.value(of: "ok")?.repr == "true")
  }

  @Test func greedySearchShowsItsSteps() {
    let (session, setup) = preparedSession()
    #expect(setup.error == nil)
    let result = session.run(
      """
      s = select_compensation(net, data, data.validation, sigma: 0.8, max_layers: 2, min_gain: 0, samples: 3, epochs: 1)
      n = len(s.steps)
      kept = len([r for r in s.steps if r.chosen])
      same = kept == len(s.layers)
      s
      """, line: 10)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(session.value(of: "same")?.repr == "true")
    let bad = session.run("select_compensation(net, data, data.validation, sigma: 0.3, candidates: [\"fc0\"])", line: 20)
    #expect(bad.error?.message.contains("did you mean 'fc1'?") == true)
  }
}
