import Testing

@testable import Bindings
@testable import Kernel

/// A small network quantised for the builtins, and a MAC on the OSU 0.18 µm cells.
private let setup = """
  data = synthetic("blobs", n: 60, classes: 3, seed: 1, validation: 0.2)
  net = mlp([2, 8, 3], seed: 1)
  q = pp_quantize(net, data, calibrate: 20)
  m = mac(8, library: "osu018")
  """

@Suite("PowerPruning builtins")
struct PowerPruningLibraryTests {
  @Test func aNetworksOperandsDriveThePowerTable() {
    let out = output(setup + """

      s = operand_stream(q, data, images: 4, transitions: 40, chunk: 8, rows: 4, cols: 4, seed: 1)
      p = stream_power(m, s, weights: [0, 5, -7])
      print(s.transitions, len(s.activations), len(s.partial_sums), len(p.rows), p.rows[0].energy_pj < p.rows[2].energy_pj)
      print(operand_stream(q, data, layer: "fc2", images: 2, transitions: 5, rows: 4, cols: 4).origin)
      """)
    #expect(out.contains("40 41 41 3 true"))
    #expect(out.contains("network: fc2"))
  }

  @Test func badInputIsRefused() {
    expectError(
      setup + "\npp_retrain(q, data, weights: [1, 300], activations: [0, 1])", at: "5:1",
      "pp_retrain(): argument 'weights' must hold whole numbers from -128 to 127 (8-bit levels), got 300")
    expectError(
      setup + "\npp_retrain(q, data, weights: [], activations: [0, 1])", at: "5:1",
      "pp_retrain(): argument 'weights' must not be empty")
    expectError(
      setup + "\noperand_stream(q, data, layer: \"fc3\", images: 2, transitions: 5)", at: "5:1",
      "operand_stream(): argument 'layer' must name a multiplier layer (fc1, fc2), got \"fc3\"; did you mean 'fc1'?")
    let result = run(
      setup + "\nd = sensitised_delays(m, weights: [1, 2], activations: [0, 9])\np = stream_power(m, random_stream(m, transitions: 8), weights: [1, 2])\nselect_values(p, d, weights: 2, activations: 2, target_ps: 0.001)")
    #expect(
      result.error?.message.hasPrefix(
        "select_values(): the target delay 0.0 ps is shorter than any pool weight's sensitised path (the shortest is ") == true,
      "\(result.error?.message ?? "no error")")
  }
}
