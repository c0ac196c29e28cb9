import Testing

@testable import Tensor

/// Tensors large enough that the kernels split them over the workers, checked against plain loops.
@Suite("Kernels split over workers")
struct ParallelKernelTests {
  let x = Tensor(randomNormal: [16, 6, 40, 40], seed: 1)

  @Test func elementwiseAndDerivatives() {
    #expect(x.count >= 2 * Parallel.grain)
    let y = x.map(.relu)
    #expect(y.scalars == x.scalars.map { max($0, 0) })
    let g = Tensor(randomNormal: x.shape, seed: 2)
    let d = Variable.derivative(.relu, x: x, y: y, g: g)
    #expect(d.scalars == zip(x.scalars, g.scalars).map { $0 > 0 ? $1 : 0 })
    #expect((x + g).scalars == zip(x.scalars, g.scalars).map { $0 + $1 })
  }

  @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
  func splitMatrixProducts(_ transposes: (Bool, Bool)) throws {
    // Large enough to be cut in two; both cut directions (wide and tall results).
    for (m, n) in [(70, 150), (150, 70)] {
      let k = 90
      #expect(m * n * k >= EngineTuning.splitThreshold)
      let (ta, tb) = transposes
      let a = Tensor(randomNormal: ta ? [k, m] : [m, k], seed: 6)
      let b = Tensor(randomNormal: tb ? [n, k] : [k, n], seed: 7)
      let c = try Tensor.matmul(a, b, transposeA: ta, transposeB: tb)
      let ea = ta ? a.transposed() : a
      let eb = tb ? b.transposed() : b
      var worst: Float = 0
      for i in 0..<m {
        for j in 0..<n {
          var total = 0.0
          for t in 0..<k { total += Double(ea.scalars[i * k + t]) * Double(eb.scalars[t * n + j]) }
          worst = max(worst, Swift.abs(c.scalars[i * n + j] - Float(total)))
        }
      }
      #expect(worst < 1e-3)
    }
  }

  @Test func maxPoolingForwardAndBackward() throws {
    let (y, indices) = try Tensor.maxPool2d(x, kernel: (2, 2))
    let planes = 16 * 6
    for p in stride(from: 0, to: planes, by: 7) {
      for i in 0..<20 {
        for j in 0..<20 {
          let base = p * 1600
          let window = [
            x.scalars[base + 2 * i * 40 + 2 * j], x.scalars[base + 2 * i * 40 + 2 * j + 1],
            x.scalars[base + (2 * i + 1) * 40 + 2 * j], x.scalars[base + (2 * i + 1) * 40 + 2 * j + 1],
          ]
          #expect(y.scalars[p * 400 + i * 20 + j] == window.max())
        }
      }
    }
    let back = Tensor.maxPool2dBackward(Tensor(ones: y.shape), indices: indices, inputShape: x.shape)
    #expect(back.sum().scalar == Float(y.count))
    #expect(back.scalars.allSatisfy { $0 == 0 || $0 == 1 })
  }

  @Test func batchNormStatisticsAndGradients() {
    let gamma = Tensor(randomNormal: [6], mean: 1, standardDeviation: 0.2, seed: 3)
    let beta = Tensor(randomNormal: [6], seed: 4)
    let (y, stats) = Tensor.batchNormTraining(x, gamma: gamma, beta: beta, epsilon: 1e-5)
    let plane = 1600
    for c in 0..<6 {
      var values = [Double]()
      for n in 0..<16 { for i in 0..<plane { values.append(Double(x.scalars[(n * 6 + c) * plane + i])) } }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
      #expect(Swift.abs(Double(stats.mean[c]) - mean) < 1e-5)
      #expect(Swift.abs(Double(stats.variance[c]) - variance) < 1e-4)
      let k = (n: 3, i: 17)
      let index = (k.n * 6 + c) * plane + k.i
      let expected =
        (Double(x.scalars[index]) - mean) / (variance + 1e-5).squareRoot() * Double(gamma.scalars[c])
        + Double(beta.scalars[c])
      #expect(Swift.abs(Double(y.scalars[index]) - expected) < 1e-4)
    }
    // The input gradient of sum(y * r) sums to zero per channel (shift invariance).
    let r = Tensor(randomNormal: x.shape, seed: 5)
    let grads = Tensor.batchNormTrainingBackward(x, gamma: gamma, statistics: stats, outputGradient: r, needInput: true)
    let dx = grads.input ?? Tensor(zeros: [1])
    for c in 0..<6 {
      var total = 0.0
      for n in 0..<16 { for i in 0..<plane { total += Double(dx.scalars[(n * 6 + c) * plane + i]) } }
      #expect(Swift.abs(total) < 1e-2)
    }
  }
}
