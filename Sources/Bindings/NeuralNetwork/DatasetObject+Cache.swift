import Kernel
import NeuralNetwork

extension DatasetObject: CacheableObject {
  /// The data set (inputs by digest) and its part name.
  public func encode(to writer: CacheWriter) throws {
    EngineCacheCoding.write(dataset, to: writer)
    writer.string(part)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> DatasetObject {
    DatasetObject(try EngineCacheCoding.readDataset(from: reader), part: try reader.string())
  }
}

extension DatasetSplitsObject: CacheableObject {
  /// The parts (inputs by digest) and the source's name.
  public func encode(to writer: CacheWriter) throws {
    EngineCacheCoding.write(splits.train, to: writer)
    EngineCacheCoding.write(splits.test, to: writer)
    writer.bool(splits.validation != nil)
    if let validation = splits.validation { EngineCacheCoding.write(validation, to: writer) }
    writer.string(source)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> DatasetSplitsObject {
    let train = try EngineCacheCoding.readDataset(from: reader)
    let test = try EngineCacheCoding.readDataset(from: reader)
    let validation = try reader.bool() ? try EngineCacheCoding.readDataset(from: reader) : nil
    return DatasetSplitsObject(DatasetSplits(train: train, test: test, validation: validation), source: try reader.string())
  }
}
