import Testing
@testable import Bindings
@testable import Kernel

@Suite struct QuantizationBuiltinTests {
  @Test func quantizedCopiesRoundWeightsToLevels() {
    let source = """
      d = synthetic("blobs", n: 300, classes: 3, seed: 2)
      net = mlp([2, 16, 3], seed: 1)
      train(net, d, epochs: 2)
      q8 = quantize(net, bits: 8)
      q2 = quantize(net, bits: 2, per_channel: false)
      w = net.tensor("fc1.weight")
      w2 = q2.tensor("fc1.weight")
      print(q8.tensor("fc1.weight").values == w.values, q2.tensor("fc1.bias").values == net.tensor("fc1.bias").values)
      print(len([x for x in w2.values if abs(x) > 0 and abs(abs(x) - w.abs_max) > 1e-6]), abs(accuracy(q8, d) - accuracy(net, d)) < 0.05)
      print(net.tensor("fc1.weight").values == w.values)
      """
    #expect(output(source) == "false true\n0 true\ntrue")
  }

  @Test func activationQuantizationIsCalibratedAndKeptThroughEvaluationAndTraining() {
    let source = """
      d = synthetic("blobs", n: 300, classes: 3, seed: 2)
      net = mlp([2, 16, 3], seed: 1)
      train(net, d, epochs: 2)
      qw = quantize(net, bits: 8)
      qa = quantize(net, bits: 8, activations: 2, calibrate: d.train)
      print(qw.quantization, "|", qa.quantization, "|", net.quantization)
      print(qa.tensor("fc1.weight").values == qw.tensor("fc1.weight").values, evaluate(qa, d).loss != evaluate(qw, d).loss)
      print(qa.copy().quantization == qa.quantization, evaluate(qa.copy(), d).loss == evaluate(qa, d).loss)
      h = train(qa, d, epochs: 1)
      print(h.last.test_accuracy == accuracy(qa, d))
      """
    #expect(
      output(source)
        == """
        8-bit weights per channel | 8-bit weights per channel, 2-bit activations | none
        true true
        true true
        true
        """)
  }

  @Test func badQuantizationArgumentsAreExplained() {
    expectError("quantize(mlp([2, 2]), bits: 1)", at: "1:1", "quantize(): argument 'bits' must be between 2 and 24, got 1")
    expectError(
      "quantize(mlp([2, 2]), bits: 4, levels: [1, 2, 9])", at: "1:1", "quantize(): level 9 is outside the 4-bit range -8...7")
    expectError(
      "quantize(mlp([2, 2]), activations: 8)", at: "1:1",
      "quantize(): argument 'calibrate' is needed with `activations`: the examples whose largest activations fix the scales (e.g. `calibrate: data.train.subset(500)`)"
    )
    expectError(
      #"quantize(mlp([4, 2]), activations: 8, calibrate: synthetic("blobs", n: 60, classes: 2))"#, at: "1:1",
      "quantize(): shape mismatch: model 'mlp' takes examples of shape [4], but the calibration data has examples of shape [2] (2 values, the model takes 4)"
    )
  }
}
