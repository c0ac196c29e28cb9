import NeuralNetwork

/// Hardware-aware training: weights restricted to the n cheapest values, n grown until the
/// validation accuracy is within a tolerance of the unrestricted network's.
public enum RestrictedWeightSearch {
  /// One restricted network.
  public struct Step {
    /// How many weight values were allowed.
    public var n: Int
    /// The allowed values, ascending.
    public var levels: [Int]
    /// The trained network.
    public var trained: TrainedLogicNetwork
    /// Integer-network accuracy on the validation set.
    public var validationAccuracy: Double
    /// Summed area of the network's constant multipliers (the table's areas).
    public var multiplierArea: Double
  }

  /// Fine-tunes `floatModel` with weights restricted to the `n` cheapest values of `table`,
  /// for `n = start, start + 1, ...`, until the validation accuracy is at least `reference -
  /// tolerance` (or every value is allowed). Every step is returned; the last is the one found.
  public static func search(
    floatModel: Model, train: Dataset, validation: Dataset, settings: LogicTrainingSettings,
    table: MultiplierCostTable, activations: UnsignedActivationQuantization, reference: Double, tolerance: Double,
    start: Int = 2, progress: TechniqueProgressHandler? = nil
  ) throws -> [Step] {
    let all = table.entries.count
    guard table.weightBits == settings.weightBits else {
      throw LogicDesignError("the multiplier table is for \(table.weightBits)-bit weights, the network has \(settings.weightBits)")
    }
    guard start >= 1 && start <= all else { throw LogicDesignError("the first n must be 1 to \(all), got \(start)") }
    guard tolerance >= 0 else { throw LogicDesignError("the tolerance must not be negative, got \(tolerance)") }
    var steps: [Step] = []
    var n = start
    while n <= all {
      let levels = table.cheapest(n)
      if levels.contains(where: { $0 != 0 }) {
        let trained = try LogicNetworkTraining.quantize(
          floatModel, train: train, settings: settings, allowedLevels: levels, activations: activations,
          task: "restricted fine-tuning, n = \(n)", progress: progress)
        let accuracy = try LogicNetworkTraining.accuracy(trained.network, on: validation)
        steps.append(Step(n: n, levels: levels, trained: trained, validationAccuracy: accuracy,
                          multiplierArea: table.multiplierArea(of: trained.network)))
        if accuracy >= reference - tolerance { break }
      }
      n += 1
    }
    return steps
  }
}
