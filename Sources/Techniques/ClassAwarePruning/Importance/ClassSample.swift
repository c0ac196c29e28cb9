import NeuralNetwork
import Tensor

/// The images importance is measured on: `n` training images of each class, drawn with a seed.
///
/// The authors' code draws a fresh random sample of 10 images per class every time it scores;
/// here the draw is fixed by the seed so a notebook gives the same numbers on every run.
public struct ClassSample: Sendable {
  /// The chosen examples of each class, `perClass[c]`, as a data set.
  public var perClass: [Dataset]

  /// Draws `count` examples of every class of `data` (all of a class's examples if it has fewer).
  ///
  /// Throws when `count` is not positive or a class has no example.
  public init(from data: Dataset, count: Int, seed: UInt64) throws {
    guard count > 0 else {
      throw ClassAwarePruningError(.invalidSetting, "the number of images per class must be positive, got \(count)")
    }
    guard data.classCount > 0 else { throw ClassAwarePruningError(.invalidData, "the data set has no classes") }
    var byClass = [[Int]](repeating: [], count: data.classCount)
    for (i, label) in data.labels.enumerated() where (0..<data.classCount).contains(label) { byClass[label].append(i) }
    var chosen = [Dataset]()
    for (c, indices) in byClass.enumerated() {
      guard !indices.isEmpty else {
        throw ClassAwarePruningError(
          .invalidData, "class \(c) ('\(data.classNames[safe: c] ?? "?")') has no example to score filters on")
      }
      // One stream per class: changing the count of one class does not reshuffle the others.
      var generator = SeededGenerator(seed: seed, stream: UInt64(c))
      let order = generator.permutation(indices.count)
      let picked = order.prefix(count).map { indices[$0] }.sorted()
      chosen.append(data.subset(picked))
    }
    self.perClass = chosen
  }

  /// The number of classes.
  public var classCount: Int { perClass.count }

  /// Every chosen example.
  public var exampleCount: Int { perClass.reduce(0) { $0 + $1.count } }
}

extension Array {
  /// The element at `index`, or nil outside the array.
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
