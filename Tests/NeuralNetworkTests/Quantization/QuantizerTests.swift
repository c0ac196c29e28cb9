import Tensor
import Testing
@testable import NeuralNetwork

@Suite("Quantisation")
struct QuantizerTests {
  /// 2 output channels x 6 inputs, the second channel ten times smaller than the first.
  static let weights = Tensor(
    shape: [2, 6], scalars: [0.9, -0.31, 0.05, -1.2, 0.44, 0.0, 0.09, -0.031, 0.005, -0.12, 0.044, 0.07])

  @Test("values land on the grid and the error is at most half a step")
  func grid() throws {
    for bits in [2, 4, 8] {
      for granularity in [Quantizer.Granularity.perTensor, .perChannel(axis: 0)] {
        let q = try Quantizer(bits: bits, granularity: granularity)
        let exported = try q.quantize(Self.weights)
        let fake = try q.fakeQuantize(Self.weights)
        let top = (1 << (bits - 1)) - 1
        #expect(exported.levels.allSatisfy { abs($0) <= top })
        for i in 0..<Self.weights.count {
          let scale = exported.scales[granularity == .perTensor ? 0 : i / 6]
          let level = fake.scalars[i] / scale
          #expect(abs(level - level.rounded()) < 1e-4, "value \(fake.scalars[i]) is off the grid")
          #expect(abs(fake.scalars[i] - Self.weights.scalars[i]) <= scale / 2 * 1.0001)
        }
      }
    }
  }

  @Test("the scale is max|x| / (2^(N-1) - 1), per tensor or per output channel")
  func scales() throws {
    let perTensor = try Quantizer(bits: 8).scales(for: Self.weights)
    #expect(perTensor == [Float(1.2) / 127])
    let perChannel = try Quantizer(bits: 4, granularity: .perChannel(axis: 0)).scales(for: Self.weights)
    #expect(perChannel == [Float(1.2) / 7, Float(0.12) / 7])
    // The largest magnitude maps to the top level.
    #expect(try Quantizer(bits: 4, granularity: .perChannel(axis: 0)).quantize(Self.weights).levels[3] == -7)
    #expect(try Quantizer(bits: 4, granularity: .perChannel(axis: 0)).quantize(Self.weights).levels[9] == -7)
    // Per-channel scales help the small channel: per tensor, 4 bits flush most of it to zero.
    let coarse = try Quantizer(bits: 4).quantize(Self.weights).levels[6..<12]
    #expect(coarse.filter { $0 == 0 }.count >= 4)
    // An all-zero tensor keeps zeros and a finite scale.
    let zeros = try Quantizer(bits: 8).quantize(Tensor(zeros: [3]))
    #expect(zeros.levels == [0, 0, 0] && zeros.scales == [1])
  }

  @Test("per-channel scales follow the chosen axis")
  func channelAxis() throws {
    let x = Tensor(shape: [1, 2, 2], scalars: [1, 2, -10, 5])
    let q = try Quantizer(bits: 8, granularity: .perChannel(axis: 1)).quantize(x)
    #expect(q.scales == [Float(2) / 127, Float(10) / 127])
    #expect(q.levels == [64, 127, -127, 64])
    #expect(q.channelAxis == 1)
    #expect(throws: QuantizationError.self) { try Quantizer(bits: 8, granularity: .perChannel(axis: 3)).quantize(x) }
  }

  @Test("integer export dequantises to the fake-quantised values")
  func export() throws {
    let q = try Quantizer(bits: 6, granularity: .perChannel(axis: 0))
    let exported = try q.quantize(Self.weights)
    #expect(exported.dequantized().scalars == (try q.fakeQuantize(Self.weights)).scalars)
    #expect(exported.bits == 6 && exported.shape == [2, 6])
    #expect(exported.levelHistogram().values.reduce(0, +) == 12)
  }

  @Test("the straight-through estimator passes the gradient, and stops it where a fixed scale clips")
  func straightThrough() throws {
    let q = try Quantizer(bits: 3)
    let tape = Tape()
    let x = tape.variable(Tensor(shape: [4], scalars: [0.1, -0.5, 0.26, 2.0]))
    let y = try x.fakeQuantized(q)
    #expect(y.value.scalars != x.value.scalars)
    let upstream = Tensor(shape: [4], scalars: [1, 2, 3, 4])
    tape.backward(y, seed: upstream)
    #expect(tape.gradient(of: x)?.scalars == [1, 2, 3, 4])

    // With a fixed scale of 0.1 the 3-bit range is 0.3 (+ half a step): 2.0 is clipped, its gradient stopped.
    let clipped = Tape()
    let x2 = clipped.variable(Tensor(shape: [4], scalars: [0.1, -0.5, 0.26, 2.0]))
    let y2 = try x2.fakeQuantized(q, scales: [0.1])
    #expect(y2.value.scalars.map { ($0 * 10).rounded() } == [1, -3, 3, 3])
    clipped.backward(y2, seed: upstream)
    #expect(clipped.gradient(of: x2)?.scalars == [1, 0, 3, 0])
  }

  @Test("restricted levels: values go to the nearest allowed level")
  func allowedLevels() throws {
    let q = try Quantizer(bits: 4, allowedLevels: [5, -4, 0, 2, 2, -1])
    #expect(q.allowedLevels == [-4, -1, 0, 2, 5])
    #expect(q.largestMagnitude == 5)
    #expect([3.4, 3.6, -2.5, -3.0, 1.0, 0.4, 7, -7].map { q.level(of: $0) } == [2, 5, -1, -4, 0, 0, 5, -4])
    let x = Tensor(shape: [5], scalars: [1.0, 0.5, -0.55, 0.1, -0.8])
    let levels = try q.quantize(x).levels
    #expect(levels.allSatisfy { q.allowedLevels!.contains($0) })
    #expect(levels == [5, 2, -4, 0, -4])
    #expect(throws: QuantizationError.self) { try Quantizer(bits: 4, allowedLevels: [9]) }
    #expect(throws: QuantizationError.self) { try Quantizer(bits: 4, allowedLevels: [0]) }
    #expect(throws: QuantizationError.self) { try Quantizer(bits: 1) }
    #expect(try Quantizer(bits: 8, allowedLevels: [-128, 64]).largestMagnitude == 128)
  }

  @Test("projection moves parameters onto the value set with fixed scales and is idempotent")
  func projection() throws {
    let q = try Quantizer(bits: 8, granularity: .perChannel(axis: 0), allowedLevels: [-96, -32, -8, 0, 8, 32, 64])
    let parameter = Parameter(Self.weights)
    let projection = try WeightProjection(quantizer: q, parameters: [parameter])
    #expect(projection.targets[0].scales == [Float(1.2) / 96, Float(0.12) / 96])
    try projection.apply()
    let once = parameter.value.scalars
    for (i, value) in once.enumerated() {
      let level = value / projection.targets[0].scales[i / 6]
      #expect(q.allowedLevels!.contains(Int(level.rounded())) && abs(level - level.rounded()) < 1e-3)
    }
    try projection.apply()
    #expect(parameter.value.scalars == once)
    // An optimiser step moves a weight off the set; the next projection brings it back.
    parameter.value.scalars[0] += 0.2
    try projection.apply()
    #expect(parameter.value.scalars[0] == 64 * projection.targets[0].scales[0])
    #expect(try projection.export()[0].levels[0] == 64)
  }
}
