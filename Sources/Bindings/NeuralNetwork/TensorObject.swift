import Kernel
import Tensor

/// A tensor in the language (a layer's weights, a data set's inputs): `w.shape`, `w.values`, `w.mean`.
///
/// A snapshot: changing the model later does not change a tensor already read from it.
public final class TensorObject: LabObject {
  /// `Tensor`.
  public static let typeName = "Tensor"
  /// The wrapped tensor.
  public let tensor: Tensor
  /// Where the tensor comes from (`conv1.weight`), for its text form; empty when unknown.
  public let label: String

  /// Wraps a tensor; `label` names it in the text form.
  public init(_ tensor: Tensor, label: String = "") {
    self.tensor = tensor
    self.label = label
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("shape", "The extent of each dimension, outermost first."),
    ("rank", "The number of dimensions."),
    ("count", "The number of elements."),
    ("values", "Every element as a flat list of numbers, row-major."),
    ("min", "The smallest element."),
    ("max", "The largest element."),
    ("mean", "The mean of the elements."),
    ("std", "The population standard deviation of the elements."),
    ("abs_max", "The largest magnitude."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { TensorObject.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "shape": return .list(tensor.shape.map { .number(Double($0)) })
    case "rank": return .number(Double(tensor.shape.count))
    case "count": return .number(Double(tensor.count))
    case "values": return .list(tensor.scalars.map { .number(Double($0)) })
    case "min": return statistic { $0.min }
    case "max": return statistic { $0.max }
    case "mean": return statistic { $0.mean }
    case "std": return statistic { $0.std }
    case "abs_max": return statistic { max(abs($0.min), abs($0.max)) }
    default: return nil
    }
  }

  /// A statistic of the elements, or `none` for an empty tensor.
  private func statistic(_ pick: (Statistics) -> Double) -> Value {
    guard let statistics = Statistics(tensor.scalars) else { return .none }
    return .number(pick(statistics))
  }

  /// `<Tensor conv1.weight [6, 1, 5, 5]>`.
  public var summary: String {
    "<Tensor \(label.isEmpty ? "" : label + " ")\(tensor.shape)>"
  }

  /// The shape and the statistics of the elements.
  public func display() -> [DisplayItem] {
    guard let s = Statistics(tensor.scalars) else { return [.text("\(summary): no elements")] }
    let numbers = [("mean", s.mean), ("std", s.std), ("min", s.min), ("max", s.max)]
      .map { "\($0.0) \(NumberFormatting.general($0.1, significant: 4))" }
    return [.text("Tensor \(label.isEmpty ? "" : label + " ")\(tensor.shape), \(tensor.count) values: \(numbers.joined(separator: ", "))")]
  }

  /// Summary statistics of a tensor's elements, accumulated in Double.
  struct Statistics {
    var min: Double
    var max: Double
    var mean: Double
    var std: Double

    /// The statistics of `values`, or `nil` when there are none.
    init?(_ values: [Float]) {
      guard !values.isEmpty else { return nil }
      var low = Double.infinity
      var high = -Double.infinity
      var sum = 0.0
      var sumOfSquares = 0.0
      for value in values {
        let x = Double(value)
        low = Swift.min(low, x)
        high = Swift.max(high, x)
        sum += x
        sumOfSquares += x * x
      }
      let n = Double(values.count)
      min = low
      max = high
      mean = sum / n
      std = Swift.max(sumOfSquares / n - mean * mean, 0).squareRoot()
    }
  }
}
