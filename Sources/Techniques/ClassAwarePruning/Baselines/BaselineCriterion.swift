import NeuralNetwork
import Tensor

/// A classic filter-ranking criterion, to compare class-aware pruning with.
public enum BaselineCriterion: String, Sendable, Equatable, CaseIterable, Codable {
  /// Li et al., ICLR 2017: the sum of a filter's absolute kernel weights; the smallest go.
  case l1
  /// Molchanov et al., ICLR 2017: the first-order Taylor estimate `|mean(a · dL/da)|` averaged over images; the smallest go.
  case taylor
  /// Filters chosen uniformly at random (seeded).
  case random

  /// Every filter's score in each of `layers` (higher is kept); Taylor scores are measured on `data`.
  public func scores(
    of model: Model, layers: [String], data: Dataset, imagesPerClass: Int = 10, seed: UInt64 = 0,
    onProgress: TechniqueProgressHandler? = nil
  ) throws -> [String: [Double]] {
    var result = [String: [Double]]()
    switch self {
    case .l1:
      for path in layers {
        guard let conv = model.layer(path) as? Conv2d else {
          throw ClassAwarePruningError(.invalidLayer, "model '\(model.name)' has no convolution '\(path)'")
        }
        let per = conv.weight.value.count / Swift.max(conv.outChannels, 1)
        let w = conv.weight.value.scalars
        result[path] = (0..<conv.outChannels).map { f in
          w[(f * per)..<((f + 1) * per)].reduce(0.0) { $0 + Double(Swift.abs($1)) }
        }
      }
    case .taylor:
      let estimator = ImportanceEstimator(imagesPerClass: imagesPerClass, seed: seed, layers: layers)
      let measured = try estimator.measure(model, on: data) { p in
        try onProgress?(TechniqueProgress(task: "taylor scores", done: p.done, total: p.total))
      }
      for entry in measured.layers { result[entry.layer] = entry.taylor }
    case .random:
      for (i, path) in layers.enumerated() {
        guard let conv = model.layer(path) as? Conv2d else {
          throw ClassAwarePruningError(.invalidLayer, "model '\(model.name)' has no convolution '\(path)'")
        }
        var generator = SeededGenerator(seed: seed, stream: UInt64(i))
        result[path] = generator.permutation(conv.outChannels).map(Double.init)
      }
    }
    return result
  }
}
