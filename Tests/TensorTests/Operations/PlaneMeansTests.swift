import Testing

@testable import Tensor

/// Batch norm + ReLU that also returns its output's plane means (the early-exit heads' pooling).
@Suite("Plane means from the batch-norm pass")
struct PlaneMeansTests {
  /// Planes of 8×8 (whole lanes), 7×7 and 3×5 (a remainder), and one large enough to be split over the workers.
  @Test(arguments: [[4, 3, 8, 8], [2, 5, 7, 7], [3, 2, 3, 5], [16, 6, 40, 40]])
  func meansAreThoseOfPoolingTheOutputBitForBit(_ shape: [Int]) throws {
    let x = Tensor(randomNormal: shape, seed: 3)
    let c = shape[1]
    let scale = (0..<c).map { Float($0) * 0.3 - 0.4 }
    let shift = (0..<c).map { Float($0) * -0.2 + 0.1 }
    for relu in [false, true] {
      let (output, means) = x.channelAffineWithPlaneMeans(scale: scale, shift: shift, relu: relu)
      let plain = x.channelAffine(scale: scale, shift: shift, relu: relu)
      #expect(output.scalars == plain.scalars, "\(shape), relu \(relu): the output is channelAffine's")
      let pooled = try Tensor.adaptiveAvgPool2d(plain, outputSize: (1, 1))
      #expect(means.shape == [shape[0], c, 1, 1])
      #expect(means.scalars == pooled.scalars, "\(shape), relu \(relu): the means are the pooling's, bit for bit")
    }
  }

  @Test func theVariableFormAgreesWithBatchNormAndItsGradient() throws {
    let x = Variable(Tensor(randomNormal: [2, 3, 5, 5], seed: 4))
    let gamma = Variable(Tensor(shape: [3], scalars: [1.5, -0.5, 0.8]))
    let beta = Variable(Tensor(shape: [3], scalars: [0.1, 0.2, -0.3]))
    let mean = Tensor(shape: [3], scalars: [0.05, -0.1, 0.2])
    let variance = Tensor(shape: [3], scalars: [0.9, 1.2, 0.7])
    let plain = try Variable.batchNorm(x, gamma: gamma, beta: beta, mean: mean, variance: variance, fusingReLU: true)
    let (fused, means) = try Variable.batchNormWithPlaneMeans(
      x, gamma: gamma, beta: beta, mean: mean, variance: variance, fusingReLU: true)
    #expect(fused.value.scalars == plain.value.scalars)
    #expect(means.scalars == (try Tensor.adaptiveAvgPool2d(plain.value, outputSize: (1, 1))).scalars)
    #expect(throws: TensorError.self) {
      try Variable.batchNormWithPlaneMeans(Variable(Tensor(zeros: [2, 3])), gamma: gamma, beta: beta, mean: mean, variance: variance)
    }
  }
}
