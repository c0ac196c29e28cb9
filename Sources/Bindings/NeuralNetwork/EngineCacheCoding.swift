import Kernel
import NeuralNetwork
import Tensor

/// Tensors and data sets in the cell cache's binary form.
enum EngineCacheCoding {
  /// A tensor: its shape and its scalars (inline).
  static func write(_ tensor: Tensor, to writer: CacheWriter) {
    writer.ints(tensor.shape)
    writer.floats(tensor.scalars)
  }

  /// A tensor written by ``write(_:to:)``.
  static func readTensor(from reader: CacheReader) throws -> Tensor {
    let shape = try reader.ints()
    let scalars = try reader.floats()
    guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) == scalars.count
    else { throw CacheFormatError("cached tensor's shape \(shape) does not hold \(scalars.count) numbers") }
    return Tensor(shape: shape, scalars: scalars)
  }

  /// A data set: its inputs stored once beside the entries by digest (not copied into each
  /// entry), labels and class names.
  static func write(_ dataset: Dataset, to writer: CacheWriter) {
    writer.ints(dataset.inputs.shape)
    writer.blob(dataset.inputs.scalars.withUnsafeBytes { Array($0) })
    writer.ints(dataset.labels)
    writer.int(dataset.classCount)
    writer.strings(dataset.classNames)
  }

  /// A data set written by ``write(_:to:)``.
  static func readDataset(from reader: CacheReader) throws -> Dataset {
    let shape = try reader.ints()
    let bytes = try reader.blob()
    guard bytes.count % 4 == 0 else { throw CacheFormatError("cached data set has a bad size") }
    let scalars = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    let labels = try reader.ints()
    let classCount = try reader.int()
    let names = try reader.strings()
    guard shape.first == labels.count, shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) == scalars.count,
      classCount >= 1, names.count == classCount, labels.allSatisfy({ (0..<classCount).contains($0) })
    else { throw CacheFormatError("cached data set does not fit together") }
    return Dataset(inputs: Tensor(shape: shape, scalars: scalars), labels: labels, classCount: classCount, classNames: names)
  }
}
