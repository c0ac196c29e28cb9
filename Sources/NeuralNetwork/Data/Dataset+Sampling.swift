extension Dataset {
  /// The number of examples of each class.
  public var classCounts: [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels where label >= 0 && label < classCount { counts[label] += 1 }
    return counts
  }

  /// A seeded sample of `count` examples with the class balance of the whole set, in their original order.
  ///
  /// Each class contributes its proportional share (rounded by largest remainder); the same seed
  /// always picks the same examples.
  public func stratifiedSubset(count: Int, seed: UInt64) throws -> Dataset {
    let (chosen, _) = try Stratification.sample(
      labels: labels, classCount: classCount, count: count, seed: seed, context: "stratified subset")
    return subset(chosen)
  }

  /// Splits off a seeded, stratified validation set holding `fraction` of the examples (rounded).
  public func split(validationFraction fraction: Double, seed: UInt64) throws -> (train: Dataset, validation: Dataset) {
    guard fraction >= 0, fraction <= 1 else {
      throw DataError(.invalidArgument, message: "validation split: fraction \(fraction) is outside 0...1")
    }
    return try split(validationCount: Int((fraction * Double(count)).rounded()), seed: seed)
  }

  /// Splits off a seeded, stratified validation set of `validationCount` examples; the rest stay for training.
  public func split(validationCount: Int, seed: UInt64) throws -> (train: Dataset, validation: Dataset) {
    // A stream of its own, so a split with seed s does not mirror a subset drawn with seed s.
    let (held, kept) = try Stratification.sample(
      labels: labels, classCount: classCount, count: validationCount, seed: seed, stream: 7,
      context: "validation split")
    return (subset(kept), subset(held))
  }
}
