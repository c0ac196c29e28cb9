import Testing
import Tensor
@testable import NeuralNetwork

@Suite("Stratified sampling")
struct StratificationTests {
  /// 100 examples of three classes in proportion 50 : 30 : 20; input value = example index.
  static let unbalanced: Dataset = {
    let labels = (0..<100).map { $0 % 10 < 5 ? 0 : ($0 % 10 < 8 ? 1 : 2) }
    return Dataset(inputs: Tensor(shape: [100, 1], scalars: (0..<100).map(Float.init)), labels: labels, classCount: 3)
  }()

  @Test("a subset keeps the class balance of the whole set")
  func balance() throws {
    let subset = try Self.unbalanced.stratifiedSubset(count: 40, seed: 3)
    #expect(subset.count == 40)
    #expect(subset.classCounts == [20, 12, 8])
    // Each example still carries its own label.
    for (value, label) in zip(subset.inputs.scalars, subset.labels) {
      #expect(Self.unbalanced.labels[Int(value)] == label)
    }
    #expect(Set(subset.inputs.scalars).count == 40)
  }

  @Test("shares that do not divide evenly are rounded by largest remainder")
  func rounding() {
    #expect(Stratification.quotas(classSizes: [50, 30, 20], count: 7) == [4, 2, 1])
    #expect(Stratification.quotas(classSizes: [1, 1, 1], count: 2) == [1, 1, 0])
    #expect(Stratification.quotas(classSizes: [6000, 6000], count: 12000) == [6000, 6000])
  }

  @Test("the same seed picks the same examples, another seed others")
  func determinism() throws {
    let a = try Self.unbalanced.stratifiedSubset(count: 30, seed: 42)
    let b = try Self.unbalanced.stratifiedSubset(count: 30, seed: 42)
    let c = try Self.unbalanced.stratifiedSubset(count: 30, seed: 43)
    #expect(a.inputs.scalars == b.inputs.scalars)
    #expect(a.inputs.scalars != c.inputs.scalars)
    #expect(a.inputs.scalars == a.inputs.scalars.sorted(), "subsets keep the original order")
  }

  @Test("a validation split is stratified, disjoint from training and covers the set")
  func validationSplit() throws {
    let (train, validation) = try Self.unbalanced.split(validationFraction: 0.2, seed: 5)
    #expect(validation.classCounts == [10, 6, 4])
    #expect(train.classCounts == [40, 24, 16])
    let all = Set(train.inputs.scalars).union(validation.inputs.scalars)
    #expect(all.count == 100)
    #expect(Set(train.inputs.scalars).isDisjoint(with: validation.inputs.scalars))
    let again = try Self.unbalanced.split(validationFraction: 0.2, seed: 5)
    #expect(again.validation.inputs.scalars == validation.inputs.scalars)
  }

  @Test("asking for more examples than exist is an error")
  func tooMany() {
    #expect(throws: DataError.self) { try Self.unbalanced.stratifiedSubset(count: 101, seed: 0) }
    #expect(throws: DataError.self) { try Self.unbalanced.split(validationFraction: 1.5, seed: 0) }
  }
}
