import Testing

@testable import Tensor

@Suite("Gradients of normalisation, softmax, losses and custom operations")
struct NormalizationGradientTests {
  let gamma = Tensor(randomNormal: [3], mean: 1, standardDeviation: 0.3, seed: 41)
  let beta = Tensor(randomNormal: [3], seed: 42)

  @Test func batchNormTrainingImagesAndFeatures() throws {
    let x = Tensor(randomNormal: [4, 3, 2, 2], mean: 0.5, standardDeviation: 2, seed: 43)
    try checkGradients([x, gamma, beta]) { try Variable.batchNorm($0[0], gamma: $0[1], beta: $0[2]).output }
    let f = Tensor(randomNormal: [5, 3], seed: 44)
    try checkGradients([f, gamma, beta]) { try Variable.batchNorm($0[0], gamma: $0[1], beta: $0[2]).output }
  }

  @Test func batchNormEvaluation() throws {
    let x = Tensor(randomNormal: [4, 3, 2, 2], seed: 45)
    let mean = Tensor([0.1, -0.2, 0.3])
    let variance = Tensor([0.5, 1.5, 2])
    try checkGradients([x, gamma, beta]) {
      try Variable.batchNorm($0[0], gamma: $0[1], beta: $0[2], mean: mean, variance: variance)
    }
  }

  @Test func batchNormFusedWithReLUMatchesTheComposition() throws {
    let x = Tensor(randomNormal: [4, 3, 3, 3], mean: 0.2, standardDeviation: 1.5, seed: 51)
    let mean = Tensor([0.1, -0.2, 0.3])
    let variance = Tensor([0.5, 1.5, 2])
    let r = Tensor(randomNormal: x.shape, seed: 52)
    for training in [true, false] {
      func run(_ fused: Bool) throws -> (Tensor, [Tensor]) {
        let tape = Tape()
        let (xv, gv, bv) = (tape.variable(x), tape.variable(gamma), tape.variable(beta))
        let y: Variable
        if training {
          y =
            fused
            ? try Variable.batchNorm(xv, gamma: gv, beta: bv, fusingReLU: true).output
            : try Variable.batchNorm(xv, gamma: gv, beta: bv).output.relu()
        } else {
          y =
            fused
            ? try Variable.batchNorm(xv, gamma: gv, beta: bv, mean: mean, variance: variance, fusingReLU: true)
            : try Variable.batchNorm(xv, gamma: gv, beta: bv, mean: mean, variance: variance).relu()
        }
        tape.backward(y, seed: r)
        return (y.value, [xv, gv, bv].map { tape.gradient(of: $0) ?? Tensor(zeros: [1]) })
      }
      let (fusedValue, fusedGradients) = try run(true)
      let (plainValue, plainGradients) = try run(false)
      #expect(maxDifference(fusedValue, plainValue) < 1e-6)
      for (a, b) in zip(fusedGradients, plainGradients) { #expect(maxDifference(a, b) < 1e-5) }
    }
    // Perturbing one input moves the Float32 batch statistics and with them all 36 outputs of
    // its channel, so the differences carry round-off of about 1e-3 at this step (and a larger
    // step would cross the ReLU's kink): elements below 0.1 are compared to 2e-3, larger ones
    // to 2% of themselves. The fused gradients equal the composition's above (to 1e-5), and
    // batch norm and ReLU are each checked to 1% on their own.
    try checkGradients([x, gamma, beta], epsilon: 1e-3, tolerance: 2e-2, floor: 0.1) {
      try Variable.batchNorm($0[0], gamma: $0[1], beta: $0[2], fusingReLU: true).output
    }
  }

  @Test func softmaxAndLogSoftmax() throws {
    let z = Tensor(randomNormal: [3, 5], seed: 46)
    try checkGradients([z]) { $0[0].softmax() }
    try checkGradients([z]) { $0[0].logSoftmax() }
  }

  @Test func crossEntropy() throws {
    let z = Tensor(randomNormal: [4, 5], seed: 47)
    try checkGradients([z]) { try $0[0].crossEntropy(labels: [0, 4, 2, 2]) }
    try checkGradients([z]) { try $0[0].crossEntropy(labels: [1, 3, 0, 2], reduction: .sum) }
  }

  @Test func binaryCrossEntropyWithPositiveWeight() throws {
    let z = Tensor(randomNormal: [4, 3], standardDeviation: 3, seed: 48)
    let y = Tensor(oneHot: [0, 2, 1, 2], classCount: 3)
    try checkGradients([z]) { try $0[0].binaryCrossEntropy(targets: y) }
    try checkGradients([z]) { try $0[0].binaryCrossEntropy(targets: y, positiveWeight: Tensor(36)) }
    try checkGradients([z]) {
      try $0[0].binaryCrossEntropy(targets: y, positiveWeight: Tensor([2, 3, 4]), reduction: .sum)
    }
  }

  @Test func dropoutWithFixedMask() throws {
    let x = Tensor(randomNormal: [4, 6], seed: 49)
    try checkGradients([x]) { v in
      var generator = SeededGenerator(seed: 7)
      return try v[0].dropout(probability: 0.4, generator: &generator)
    }
  }

  @Test func customOperation() throws {
    // x³ with its true derivative: the tape must call the caller's backward.
    let x = Tensor(randomNormal: [3, 4], seed: 50)
    try checkGradients([x]) { v in
      Variable.custom(
        [v[0]], forward: { $0[0] * $0[0] * $0[0] },
        backward: { g, inputs, _ in [g * inputs[0] * inputs[0] * 3] })
    }
  }

  @Test func straightThroughPassesGradientUnchanged() {
    let tape = Tape()
    let x = tape.variable(Tensor([0.2, 0.7, -1.4]))
    let q = x.straightThrough { $0.map(.sign) }
    #expect(q.value.scalars == [1, 1, -1])
    tape.backward((q * 2).sum())
    #expect(tape.gradient(of: x)?.scalars == [2, 2, 2])
  }
}
