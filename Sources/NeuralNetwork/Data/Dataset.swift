import Tensor

/// A labelled set of examples: inputs stacked along the first dimension.
///
/// CONTRACT between data loading and training: `inputs`, `labels`, `classCount`,
/// `classNames`, `count` and `subset(_:)` stay.
public struct Dataset: Sendable {
  /// Inputs, `[count, ...]` (images: `[count, channels, height, width]`).
  public var inputs: Tensor
  /// Class index of each example, in `0..<classCount`.
  public var labels: [Int]
  /// The number of classes.
  public var classCount: Int
  /// A readable name per class.
  public var classNames: [String]

  /// Creates a data set; `labels.count` must equal `inputs.shape[0]`.
  public init(inputs: Tensor, labels: [Int], classCount: Int, classNames: [String]? = nil) {
    precondition(inputs.shape.first == labels.count, "inputs and labels disagree on the number of examples")
    self.inputs = inputs
    self.labels = labels
    self.classCount = classCount
    self.classNames = classNames ?? (0..<classCount).map { "class \($0)" }
  }

  /// The number of examples.
  public var count: Int { labels.count }

  /// The examples at `indices`, in that order.
  public func subset(_ indices: [Int]) -> Dataset {
    let per = inputs.count / max(count, 1)
    var scalars = [Float]()
    scalars.reserveCapacity(indices.count * per)
    for i in indices { scalars += inputs.scalars[(i * per)..<((i + 1) * per)] }
    var shape = inputs.shape
    shape[0] = indices.count
    return Dataset(
      inputs: Tensor(shape: shape, scalars: scalars), labels: indices.map { labels[$0] },
      classCount: classCount, classNames: classNames)
  }
}
