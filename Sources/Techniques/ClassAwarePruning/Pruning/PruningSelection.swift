/// Which filters one round removes: those whose importance is below the threshold, fewest-classes
/// first, at most `maxPerLayer` per layer, leaving at least `minimumKept` in every layer.
public struct PruningSelection: Sendable, Equatable {
  /// Importance below which a filter is removed (a soft count of classes).
  public var threshold: Double
  /// The most filters one layer loses in one round (nil: no limit).
  public var maxPerLayer: Int?
  /// The fewest filters a layer keeps.
  public var minimumKept: Int

  /// Creates the rule.
  public init(threshold: Double, maxPerLayer: Int? = nil, minimumKept: Int = 1) {
    self.threshold = threshold
    self.maxPerLayer = maxPerLayer
    self.minimumKept = minimumKept
  }

  /// Checks the settings.
  public func validate() throws {
    guard threshold.isFinite, threshold >= 0 else {
      throw ClassAwarePruningError(.invalidSetting, "the threshold must be finite and non-negative, got \(threshold)")
    }
    if let maxPerLayer, maxPerLayer < 0 {
      throw ClassAwarePruningError(.invalidSetting, "the most filters cut per layer must be >= 0, got \(maxPerLayer)")
    }
    guard minimumKept >= 1 else {
      throw ClassAwarePruningError(.invalidSetting, "every layer keeps at least one filter; minimum kept was \(minimumKept)")
    }
  }

  /// The filters to remove from each layer (ascending indices); layers that lose none are left out.
  public func select(from importance: FilterImportance) -> [(layer: String, filters: [Int])] {
    importance.layers.compactMap { entry in
      let candidates = entry.importance.indices.filter { entry.importance[$0] < threshold }
        // Least important first; ties by index, so the choice is deterministic.
        .sorted { (entry.importance[$0], $0) < (entry.importance[$1], $1) }
      let room = Swift.max(0, entry.filterCount - minimumKept)
      let limit = Swift.min(room, maxPerLayer ?? Int.max)
      let chosen = Array(candidates.prefix(limit)).sorted()
      return chosen.isEmpty ? nil : (entry.layer, chosen)
    }
  }
}
