import Testing

@testable import Tensor

/// Direct, loop-by-loop convolution: the reference for the im2col + GEMM kernel.
func naiveConv2d(_ x: Tensor, _ w: Tensor, _ b: Tensor?, stride: Int, padding: Int) -> Tensor {
  let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
  let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
  let oh = (h + 2 * padding - kh) / stride + 1
  let ow = (wd + 2 * padding - kw) / stride + 1
  var y = Tensor(zeros: [n, o, oh, ow])
  for i in 0..<n {
    for f in 0..<o {
      for r in 0..<oh {
        for s in 0..<ow {
          var total = Double(b?.scalars[f] ?? 0)
          for ch in 0..<c {
            for a in 0..<kh {
              for bb in 0..<kw {
                let yy = r * stride - padding + a
                let xx = s * stride - padding + bb
                if yy < 0 || yy >= h || xx < 0 || xx >= wd { continue }
                total +=
                  Double(x.scalars[((i * c + ch) * h + yy) * wd + xx])
                  * Double(w.scalars[((f * c + ch) * kh + a) * kw + bb])
              }
            }
          }
          y.scalars[((i * o + f) * oh + r) * ow + s] = Float(total)
        }
      }
    }
  }
  return y
}

/// Direct loops for the gradients of a convolution with respect to input and weight.
func naiveConv2dBackward(_ x: Tensor, _ w: Tensor, _ dy: Tensor, stride: Int, padding: Int) -> (Tensor, Tensor) {
  let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
  let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
  let (oh, ow) = (dy.shape[2], dy.shape[3])
  var dx = [Double](repeating: 0, count: x.count)
  var dw = [Double](repeating: 0, count: w.count)
  for i in 0..<n {
    for f in 0..<o {
      for r in 0..<oh {
        for s in 0..<ow {
          let g = Double(dy.scalars[((i * o + f) * oh + r) * ow + s])
          for ch in 0..<c {
            for a in 0..<kh {
              for b in 0..<kw {
                let yy = r * stride - padding + a
                let xx = s * stride - padding + b
                if yy < 0 || yy >= h || xx < 0 || xx >= wd { continue }
                let xi = ((i * c + ch) * h + yy) * wd + xx
                let wi = ((f * c + ch) * kh + a) * kw + b
                dx[xi] += g * Double(w.scalars[wi])
                dw[wi] += g * Double(x.scalars[xi])
              }
            }
          }
        }
      }
    }
  }
  return (Tensor(shape: x.shape, doubles: dx), Tensor(shape: w.shape, doubles: dw))
}

func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
  precondition(a.shape == b.shape)
  return zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
}

@Suite("Forward values of tensor operations")
struct ForwardTests {
  @Test(arguments: [(1, 0), (1, 2), (2, 1), (3, 0)])
  func convolutionMatchesDirectLoops(_ config: (Int, Int)) throws {
    let x = Tensor(randomNormal: [3, 4, 9, 8], seed: 1)
    let w = Tensor(randomNormal: [5, 4, 3, 3], seed: 2)
    let b = Tensor(randomNormal: [5], seed: 3)
    let y = try Tensor.conv2d(x, weight: w, bias: b, stride: (config.0, config.0), padding: (config.1, config.1))
    #expect(maxDifference(y, naiveConv2d(x, w, b, stride: config.0, padding: config.1)) < 1e-4)
  }

  @Test func convolutionRejectsMismatchedChannels() {
    let x = Tensor(zeros: [1, 3, 5, 5])
    #expect(throws: TensorError.self) { try Tensor.conv2d(x, weight: Tensor(zeros: [2, 4, 3, 3])) }
    #expect(throws: TensorError.self) { try Tensor.conv2d(x, weight: Tensor(zeros: [2, 3, 7, 7])) }
  }

  @Test func matmulMatchesDefinition() throws {
    let a = Tensor(randomNormal: [3, 4], seed: 4)
    let b = Tensor(randomNormal: [4, 2], seed: 5)
    let c = try Tensor.matmul(a, b)
    for i in 0..<3 {
      for j in 0..<2 {
        let expected = (0..<4).reduce(Float(0)) { $0 + a.scalars[i * 4 + $1] * b.scalars[$1 * 2 + j] }
        #expect(Swift.abs(c.scalars[i * 2 + j] - expected) < 1e-5)
      }
    }
    let ct = try Tensor.matmul(b, a, transposeA: true, transposeB: true)
    #expect(maxDifference(ct, c.transposed()) < 1e-5)
    #expect(throws: TensorError.self) { try Tensor.matmul(a, a) }
  }

  @Test func broadcastingChannelsAndScalars() throws {
    let x = Tensor(shape: [2, 2, 1, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
    let c = Tensor(shape: [1, 2, 1, 1], scalars: [10, 20])
    #expect((x + c).scalars == [11, 12, 23, 24, 15, 16, 27, 28])
    #expect((x * Tensor(2)).scalars == x.scalars.map { $0 * 2 })
    #expect((Tensor([1, 2]) - x).shape == [2, 2, 1, 2])
    #expect(throws: TensorError.self) { try Tensor.combine(x, Tensor(zeros: [3]), .add) }
    #expect(try Tensor.broadcastShape([4, 1, 3], [2, 1]) == [4, 2, 3])
    let expected: [Float] = [54, 102]  // 1+2+5+6 + 4*10, 3+4+7+8 + 4*20
    #expect((x + c).summed(toShape: [1, 2, 1, 1]).scalars == expected)
  }

  @Test func reductions() {
    let x = Tensor(shape: [2, 3], scalars: [1, 5, 3, 4, 2, 6])
    #expect(x.sum().scalar == 21)
    #expect(x.mean().scalar == 3.5)
    #expect(x.sum(alongAxis: 0).scalars == [5, 7, 9])
    #expect(x.sum(alongAxis: 1, keepingDimension: true).shape == [2, 1])
    #expect(x.mean(alongAxis: 1).scalars == [3, 4])
    #expect(x.max(alongAxis: 1).values.scalars == [5, 6])
    #expect(x.argmax(alongAxis: 1) == [1, 2])
    #expect(x.argmax(alongAxis: 0) == [1, 0, 1])
    #expect(x.max() == 6)
  }

  @Test func poolingValues() throws {
    let x = Tensor(shape: [1, 1, 4, 4], scalars: (0..<16).map(Float.init))
    let (m, idx) = try Tensor.maxPool2d(x, kernel: (2, 2))
    #expect(m.scalars == [5, 7, 13, 15])
    #expect(idx == [5, 7, 13, 15])
    #expect(try Tensor.avgPool2d(x, kernel: (2, 2)).scalars == [2.5, 4.5, 10.5, 12.5])
    #expect(try Tensor.adaptiveAvgPool2d(x, outputSize: (1, 1)).scalars == [7.5])
    // 4 -> 3 bins: [0,2), [1,3), [2,4) per axis, as PyTorch.
    let a = try Tensor.adaptiveAvgPool2d(x, outputSize: (3, 3))
    #expect(a.scalars[0] == 2.5)  // (0 + 1 + 4 + 5) / 4
    #expect(a.scalars[4] == 7.5)  // (5 + 6 + 9 + 10) / 4
  }

  /// Off the tape, max pooling skips the positions of the maxima: the same values bit for bit,
  /// for widths with and without whole groups of eight windows, ties, NaN and signed zeros, and
  /// for windows other than 2×2 stride 2 (which take the general loop).
  @Test(arguments: [[2, 3, 28, 28], [1, 2, 14, 14], [3, 1, 7, 9], [1, 1, 34, 33], [64, 4, 16, 16]])
  func maxPoolingOffTheTapeGivesTheSameValues(_ shape: [Int]) throws {
    var x = Tensor(randomNormal: shape, seed: 9).map(.relu)
    // In the first windows 1, 2 and 5 (eight at a time where the row is wide enough): +0, -0 and
    // +0, +0 below (the first stays), a NaN first (it stays), a NaN second (it is passed over).
    let w = shape[3]
    for (i, v) in [(2, 0), (3, -0.0), (w + 2, 0), (w + 3, 0), (4, .nan), (11, .nan)] as [(Int, Float)] where i % w < w - 1 {
      x.scalars[i] = v
    }
    x.scalars[x.count / 2] = .nan
    for kernel in [(2, 2), (3, 3)] {
      let (expected, _) = try Tensor.maxPool2d(x, kernel: kernel, stride: (2, 2))
      let output = try Variable(x).maxPool2d(kernel: kernel, stride: (2, 2)).value
      #expect(output.shape == expected.shape)
      #expect(output.scalars.map(\.bitPattern) == expected.scalars.map(\.bitPattern), "\(shape), window \(kernel)")
    }
  }

  @Test func batchNormNormalisesEachChannel() {
    let x = Tensor(randomNormal: [8, 2, 3, 3], mean: 4, standardDeviation: 3, seed: 6)
    let (y, stats) = Tensor.batchNormTraining(x, gamma: Tensor(ones: [2]), beta: Tensor(zeros: [2]), epsilon: 1e-5)
    for c in 0..<2 {
      var values = [Double]()
      for n in 0..<8 { for i in 0..<9 { values.append(Double(y.scalars[(n * 2 + c) * 9 + i])) } }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
      #expect(Swift.abs(mean) < 1e-5)
      #expect(Swift.abs(variance - 1) < 1e-3)
      #expect(Swift.abs(stats.mean[c] - 4) < 1)
    }
  }

  @Test func batchNormVarianceSurvivesALargeMean() {
    // Raw pixel-like values: a mean 2000 times the spread must not cancel the variance away.
    let x = Tensor(randomNormal: [16, 1, 16, 16], mean: 1000, standardDeviation: 0.5, seed: 7)
    let (_, stats) = Tensor.batchNormTraining(x, gamma: Tensor(ones: [1]), beta: Tensor(zeros: [1]), epsilon: 1e-5)
    let values = x.scalars.map(Double.init)
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
    #expect(Swift.abs(Double(stats.variance[0]) / variance - 1) < 1e-3)
  }

  @Test func softmaxAndLosses() throws {
    let z = Tensor(shape: [2, 3], scalars: [1, 2, 3, 1000, 0, -1000])
    let p = z.softmax()
    #expect(Swift.abs(p.scalars[0..<3].reduce(0, +) - 1) < 1e-6)
    #expect(p.scalars[3] == 1)
    #expect(z.logSoftmax().isFinite)
    let (loss, _) = try Tensor.crossEntropy(logits: z, labels: [2, 0])
    let expected = (-(3 - (3 + _logf(_expf(-2) + _expf(-1) + 1))) + 0) / 2
    #expect(Swift.abs(loss - expected) < 1e-5)
    #expect(throws: TensorError.self) { try Tensor.crossEntropy(logits: z, labels: [3, 0]) }
    // BCE with logits against the textbook formula, positive weight 2.
    let logits = Tensor([0.5, -1])
    let targets = Tensor([1, 0])
    let bce = try Tensor.binaryCrossEntropy(logits: logits, targets: targets, positiveWeight: Tensor(2))
    let s0 = 1 / (1 + _expf(-0.5))
    let s1 = 1 / (1 + _expf(1))
    #expect(Swift.abs(bce - (-(2 * _logf(s0)) - _logf(1 - s1)) / 2) < 1e-5)
  }

  @Test func shapeOperations() throws {
    let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(x.transposed().scalars == [1, 4, 2, 5, 3, 6])
    #expect(try x.permuted([1, 0]) == x.transposed())
    #expect(try x.reshaped(to: [3, -1]).shape == [3, 2])
    #expect(throws: TensorError.self) { try x.reshaped(to: [4, -1]) }
    let c = try Tensor.concatenate([x, x], alongAxis: 1)
    #expect(c.scalars == [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
    #expect(c.split(alongAxis: 1, sizes: [2, 4])[1].scalars == [3, 1, 2, 3, 6, 4, 5, 6])
    #expect(try x.indexSelect(alongAxis: 1, indices: [2, 0]).scalars == [3, 1, 6, 4])
    #expect(throws: TensorError.self) { try x.indexSelect(alongAxis: 1, indices: [3]) }
    let image = Tensor(shape: [1, 1, 3, 3], scalars: (0..<9).map(Float.init))
    #expect(image.downsampled(stride: 2).scalars == [0, 2, 6, 8])
  }

  /// Removing examples in place keeps exactly the others, each example's elements intact, and
  /// says where each came from; it copies only into the holes below the new count.
  @Test func removeRowsKeepsTheOthersAndSaysWhereEachCameFrom() throws {
    let rows = 7
    let original = Tensor(shape: [rows, 2, 3], scalars: (0..<(rows * 6)).map(Float.init))
    for removed: Set<Int> in [[], [0], [6], [1, 4], [0, 1, 2], [2, 3, 5, 6], Set(0..<rows)] {
      var x = original
      let order = try x.removeRows(removed)
      #expect(x.shape == [rows - removed.count, 2, 3])
      #expect(order.count == rows - removed.count)
      #expect(Set(order) == Set(0..<rows).subtracting(removed))
      for (new, old) in order.enumerated() {
        #expect(Array(x.scalars[(new * 6)..<(new * 6 + 6)]) == Array(original.scalars[(old * 6)..<(old * 6 + 6)]))
      }
      // Rows below the new count that were kept stay where they were.
      for (new, old) in order.enumerated() where !removed.contains(new) { #expect(old == new) }
    }
    var y = original
    #expect(throws: TensorError.self) { try y.removeRows([7]) }
    #expect(y == original)
  }

  @Test func normsOfAKnownMatrix() {
    let m = Tensor(shape: [2, 2], scalars: [3, 0, 0, 4])
    #expect(m.frobeniusNorm() == 5)
    #expect(Swift.abs(m.spectralNorm().sigma - 4) < 1e-4)
  }

  @Test func finiteCheck() {
    #expect(Tensor([1, 2, 3]).isFinite)
    #expect(!Tensor([1, .nan]).isFinite)
    #expect(!Tensor(shape: [9], scalars: [0, 0, 0, 0, 0, 0, 0, 0, .infinity]).isFinite)
  }
}

@Suite("Seeded generator")
struct SeededGeneratorTests {
  @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    var c = SeededGenerator(seed: 43)
    let sa = (0..<5).map { _ in a.next() }
    #expect(sa == (0..<5).map { _ in b.next() })
    #expect(sa != (0..<5).map { _ in c.next() })
    #expect(Tensor(randomNormal: [10], seed: 1) == Tensor(randomNormal: [10], seed: 1))
  }

  @Test func normalSamplesHaveUnitMoments() {
    let t = Tensor(randomNormal: [20000], seed: 3)
    let mean = t.mean().scalar
    let variance = (t * t).mean().scalar - mean * mean
    #expect(Swift.abs(mean) < 0.03)
    #expect(Swift.abs(variance - 1) < 0.05)
    let u = Tensor(randomUniform: [20000], lower: -1, upper: 1, seed: 4)
    #expect(u.scalars.allSatisfy { $0 >= -1 && $0 < 1 })
  }

  @Test func permutationIsAPermutation() {
    var g = SeededGenerator(seed: 9)
    let p = g.permutation(100)
    #expect(p.sorted() == Array(0..<100))
    #expect(p != Array(0..<100))
  }
}

@Suite("Tape")
struct TapeTests {
  @Test func parametersReceiveAccumulatedGradients() throws {
    let p = Parameter(Tensor([1, 2, 3]))
    for _ in 0..<2 {
      let tape = Tape()
      let w = tape.parameter(p)
      tape.backward((w * w).sum())
    }
    #expect(p.gradient?.scalars == [4, 8, 12])
  }

  @Test func watchedIntermediateGradientIsReadable() {
    let tape = Tape()
    let x = tape.variable(Tensor([1, -2]))
    let a = x * 3
    tape.watch(a)
    let unwatched = a * 2
    tape.backward((unwatched * a).sum())
    // d(2a²)/da = 4a
    #expect(tape.gradient(of: a)?.scalars == [12, -24])
    #expect(tape.gradient(of: unwatched) == nil)
    #expect(tape.gradient(of: x)?.scalars == [36, -72])
  }

  @Test func constantsRecordNothing() {
    let y = Variable(Tensor([1, 2])) * 2
    #expect(y.tape == nil)
    #expect(y.value.scalars == [2, 4])
  }
}
