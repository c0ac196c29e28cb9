import Testing

@testable import Tensor

@Suite("A filter bank correlated with itself")
struct SelfCorrelationTests {
  /// Filters [O, C, KH, KW] and padding; the last two have shifts with no overlap at all.
  static let cases: [([Int], (Int, Int))] = [
    ([5, 3, 3, 3], (1, 1)), ([4, 7, 3, 3], (2, 2)), ([3, 2, 3, 3], (0, 0)), ([6, 4, 1, 1], (0, 0)),
    ([3, 5, 2, 3], (1, 2)), ([2, 3, 3, 3], (3, 3)), ([4, 2, 1, 3], (2, 1)),
  ]

  @Test(arguments: cases)
  func matchesTheConvolutionOfTheFiltersWithThemselves(_ config: ([Int], (Int, Int))) throws {
    let (shape, padding) = config
    let k = Tensor(randomNormal: shape, seed: 41)
    let r = try Tensor.selfCorrelation(k, padding: padding)
    let reference = try Tensor.conv2d(k, weight: k, padding: padding)
    #expect(r.shape == reference.shape)
    #expect(maxDifference(r, reference) < 1e-4)
  }

  @Test(arguments: cases)
  func gradientMatchesTheConvolutionsGradientThroughBothOperands(_ config: ([Int], (Int, Int))) throws {
    let (shape, padding) = config
    let k = Tensor(randomNormal: shape, seed: 42)
    let dr = Tensor(randomNormal: try Tensor.selfCorrelation(k, padding: padding).shape, seed: 43)
    func gradient(_ f: (Variable) throws -> Variable) throws -> Tensor {
      let tape = Tape()
      let v = tape.variable(k)
      tape.backward(try f(v), seed: dr)
      return try #require(tape.gradient(of: v))
    }
    let fast = try gradient { try Variable.selfCorrelation($0, padding: padding) }
    let reference = try gradient { try Variable.conv2d($0, weight: $0, padding: padding) }
    #expect(maxDifference(fast, reference) < 1e-3)
  }

  @Test func gradientAgainstFiniteDifferences() throws {
    try checkGradients([Tensor(randomNormal: [4, 3, 3, 3], seed: 44) * 0.5]) {
      try Variable.selfCorrelation($0[0], padding: (1, 1))
    }
    try checkGradients([Tensor(randomNormal: [3, 2, 2, 3], seed: 45) * 0.5]) {
      try Variable.selfCorrelation($0[0], padding: (1, 2))
    }
  }

  @Test func rejectsWhatIsNotAFilterBank() {
    #expect(throws: TensorError.self) { try Tensor.selfCorrelation(Tensor(zeros: [3, 3, 3]), padding: (1, 1)) }
    #expect(throws: TensorError.self) { try Tensor.selfCorrelation(Tensor(zeros: [2, 2, 3, 3]), padding: (-1, 0)) }
  }
}
