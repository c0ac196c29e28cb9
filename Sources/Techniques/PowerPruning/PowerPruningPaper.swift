/// What Petri, Zhang, Chen, Schlichtmann and Li report in "PowerPruning: Selecting Weights and
/// Activations for Power-Efficient Neural Network Acceleration" (DAC 2023, arXiv 2303.13997).
public enum PowerPruningPaper {
  /// The headline power reduction of the DAC version, "up to 73.9%", with a slight accuracy loss.
  public static let headlineReduction = 0.739
  /// The arXiv abstract's figure for the same claim.
  public static let arXivReduction = 0.783
  /// The citation, for captions.
  public static let citation = "Petri et al., PowerPruning, DAC 2023"
}
