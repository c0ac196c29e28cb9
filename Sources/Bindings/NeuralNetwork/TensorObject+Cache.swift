import Kernel

extension TensorObject: CacheableObject {
  /// The tensor (a snapshot) and its label.
  public func encode(to writer: CacheWriter) throws {
    EngineCacheCoding.write(tensor, to: writer)
    writer.string(label)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> TensorObject {
    TensorObject(try EngineCacheCoding.readTensor(from: reader), label: try reader.string())
  }
}
