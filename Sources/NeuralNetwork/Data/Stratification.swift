import Tensor

/// Seeded stratified sampling: a sample keeps the class balance of the whole set.
enum Stratification {
  /// How many examples of each class a sample of `count` takes: proportional, rounded by largest remainder.
  static func quotas(classSizes: [Int], count: Int) -> [Int] {
    let total = classSizes.reduce(0, +)
    guard total > 0 else { return classSizes.map { _ in 0 } }
    var quotas = classSizes.map { count * $0 / total }
    let remainders = classSizes.map { count * $0 % total }
    let missing = count - quotas.reduce(0, +)
    // Ties go to the lower class index, so the result depends on nothing but the sizes.
    let order = remainders.indices.sorted { (remainders[$0], -$0) > (remainders[$1], -$1) }
    for c in order.prefix(missing) { quotas[c] += 1 }
    return quotas
  }

  /// Splits the example indices into a stratified sample of `count` and the rest, both ascending.
  ///
  /// The same labels, count, seed and stream always give the same sample.
  static func sample(
    labels: [Int], classCount: Int, count: Int, seed: UInt64, stream: UInt64 = 0, context: String
  ) throws -> (chosen: [Int], rest: [Int]) {
    guard count >= 0, count <= labels.count else {
      throw DataError(
        .invalidArgument,
        message: "\(context): asked for \(count) examples, the set has \(labels.count)")
    }
    var members = [[Int]](repeating: [], count: classCount)
    for (i, label) in labels.enumerated() {
      guard label >= 0, label < classCount else {
        throw DataError(.invalidArgument, message: "\(context): label \(label) of example \(i) is outside 0..<\(classCount)")
      }
      members[label].append(i)
    }
    let quotas = quotas(classSizes: members.map(\.count), count: count)
    var random = SeededGenerator(seed: seed, stream: stream)
    var chosen = [Int]()
    chosen.reserveCapacity(count)
    for c in 0..<classCount {
      var indices = members[c]
      random.shuffle(&indices)
      chosen += indices.prefix(quotas[c])
    }
    chosen.sort()
    var isChosen = [Bool](repeating: false, count: labels.count)
    for i in chosen { isChosen[i] = true }
    let rest = labels.indices.filter { !isChosen[$0] }
    return (chosen, rest)
  }
}
