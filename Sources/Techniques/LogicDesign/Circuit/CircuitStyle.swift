/// How a network's arithmetic becomes logic.
public enum CircuitStyle: String, Sendable, CaseIterable {
  /// Weights embedded as constants: each weight's signed digits select shifted copies of its
  /// input, all of a neuron's partial products meet in one compressor (Dadda) tree with one
  /// carry-propagate adder, comparisons are against constant thresholds, and the whole graph
  /// is then simplified (zero weights leave no logic at all).
  case embedded
  /// The baseline: one generic array multiplier per weight, its weight an input held at the
  /// weight's value (weights, thresholds and biases come from storage whose cost is not
  /// counted), products summed by a balanced tree of ripple-carry adders.
  case generic
}
