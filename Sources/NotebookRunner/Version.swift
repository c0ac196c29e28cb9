/// The nnlab release, shown by `nnlab --version` and in every report's footer.
public enum NNLab {
  /// The version string; the one place it is written.
  public static let version = "0.1.0"
}
