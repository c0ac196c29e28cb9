import Foundation
import Tensor

// nnlab-bench: throughput benchmarks with their peers, side by side. Release builds only;
// `make bench` runs them all. Figures go to standard output; BENCHMARKS.md records them.

let suites: [(name: String, doc: String, run: () throws -> Void)] = [
  ("runner", "200-cell notebook: nnlab render versus jupyter nbconvert --execute", RunnerBenchmark.run),
  ("interpreter", "a 1,000,000-iteration loop: lab versus CPython", InterpreterBenchmark.run),
  ("engine", "Fashion-MNIST training and inference: nnlab versus PyTorch", EngineBenchmark.run),
  ("accuracy", "LeNet-5 test accuracy after 5 epochs over 8 seeds: nnlab versus PyTorch", AccuracyBenchmark.run),
  ("hardware", "256 constant multipliers simplified, mapped, checked, against ABC resyn2; MAC power for 256 weights x 10,000 transitions", HardwareBenchmark.run),
  ("liberty", "OSU 0.18 um Liberty library: read, map + NLDM timing of 256 constant multipliers, MAC power table, area against Yosys, delay against ABC stime", LibertyBenchmark.run),
  ("early-exit", "class-exclusion early exit at batch 256 on 10,000 images: wall-time saving against MAC saving", EarlyExitBenchmark.run),
  ("crossbar", "100 Monte Carlo samples of a LeNet-5 on RRAM crossbars over 10,000 images: nnlab versus PyTorch", CrossbarBenchmark.run),
  ("power-pruning", "PowerPruning: osu018 MAC power for 256 weights x 100,000 real activation transitions of LeNet-5's conv2", PowerPruningBenchmark.run),
  ("cache", "cell cache: its own cost in cold renders of class-aware-pruning.md and power-pruning.md; on class-aware-pruning.md cold with it off and on, re-renders with nothing, prose, the last cell changed", CacheBenchmark.run),
  ("logic-design", "a 3,280-weight MLP with embedded weights: build, simplify, map (< 60 s), costs, Yosys + ABC cec", LogicDesignBenchmark.run),
  ("kernel-ab", "a kernel setting on and off, alternating step by step in one training run of VGG16 w0.25 and ResNet-32 w0.5", KernelABBenchmark.run),
  ("correctnet", "CorrectNet: 100 samples x 10,000 images of LeNet-5 (compensated path), and PyTorch on the same exported weights", CorrectNetBenchmark.run),
]

HeapSettings.apply()  // before any thread starts

let requested = Array(CommandLine.arguments.dropFirst())
if requested.contains("--help") || requested.contains("-h") {
  print("usage: nnlab-bench [SUITE...]\nsuites:")
  for suite in suites { print("  \(suite.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(suite.doc)") }
  exit(0)
}
let unknown = requested.filter { name in !suites.contains { $0.name == name } }
if !unknown.isEmpty {
  FileHandle.standardError.write(Data("nnlab-bench: unknown suite \(unknown.joined(separator: ", ")); try --help\n".utf8))
  exit(64)
}
print("nnlab-bench on \(MachineInfo.summary), \(MachineInfo.date)")
var failed = false
for suite in suites where requested.isEmpty || requested.contains(suite.name) {
  print("\n== \(suite.name): \(suite.doc)")
  do { try suite.run() } catch {
    failed = true
    print("  failed: \(error)")
  }
}
exit(failed ? 1 : 0)
