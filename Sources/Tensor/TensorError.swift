/// An error in the use of tensor operations: shapes or arguments that do not fit.
public enum TensorError: Error, Equatable, CustomStringConvertible {
  /// Shapes that do not fit together, with an explanation.
  case shapeMismatch(String)
  /// An argument outside its domain, with an explanation.
  case invalidArgument(String)

  /// A readable explanation.
  public var description: String {
    switch self {
    case .shapeMismatch(let message): return "shape mismatch: \(message)"
    case .invalidArgument(let message): return "invalid argument: \(message)"
    }
  }
}
