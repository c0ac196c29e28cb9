import Kernel
import NeuralNetwork

extension DatasetObject: CacheableObject {
  /// A part of a data set made by `fashion_mnist` or `synthetic`: that data set (by reference)
  /// and the part's name. Any other set: its inputs by digest beside the entry, labels and names.
  public func encode(to writer: CacheWriter) throws {
    if let origin, origin.recipe != nil, origin.part(named: part) != nil {
      writer.byte(1)
      try writer.object(origin)
      writer.string(part)
      return
    }
    writer.byte(0)
    EngineCacheCoding.write(dataset, to: writer)
    writer.string(part)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> DatasetObject {
    switch try reader.byte() {
    case 0:
      return DatasetObject(try EngineCacheCoding.readDataset(from: reader), part: try reader.string())
    case 1:
      let origin = try reader.object(as: DatasetSplitsObject.self)
      let part = try reader.string()
      guard let dataset = origin.part(named: part) else { throw CacheFormatError("cached data set has no part '\(part)'") }
      return DatasetObject(dataset, part: part, origin: origin)
    default: throw CacheFormatError("cached data set has an unknown form")
    }
  }
}

extension DatasetSplitsObject: CacheableObject {
  /// A data set a builtin made from files or a generator: how it was made and the digest of
  /// its contents (not the contents: a hit makes it again and checks the digest, so a changed
  /// file makes the entry miss). Any other: the parts, inputs by digest beside the entry.
  public func encode(to writer: CacheWriter) throws {
    if let recipe {
      writer.byte(1)
      recipe.encode(to: writer)
      writer.raw(contentDigest.bytes)
      writer.string(source)
      return
    }
    writer.byte(0)
    EngineCacheCoding.write(splits.train, to: writer)
    EngineCacheCoding.write(splits.test, to: writer)
    writer.bool(splits.validation != nil)
    if let validation = splits.validation { EngineCacheCoding.write(validation, to: writer) }
    writer.string(source)
  }

  /// Reads what ``encode(to:)`` wrote, making a referenced data set again.
  public static func decode(from reader: CacheReader) throws -> DatasetSplitsObject {
    switch try reader.byte() {
    case 0:
      let train = try EngineCacheCoding.readDataset(from: reader)
      let test = try EngineCacheCoding.readDataset(from: reader)
      let validation = try reader.bool() ? try EngineCacheCoding.readDataset(from: reader) : nil
      return DatasetSplitsObject(DatasetSplits(train: train, test: test, validation: validation), source: try reader.string())
    case 1:
      let recipe = try DatasetRecipe.decode(from: reader)
      let digest = try reader.raw()
      let source = try reader.string()
      let splits: DatasetSplits
      do {
        splits = try recipe.make()
      } catch {
        throw CacheFormatError("cached data set cannot be made again (\(error))")
      }
      let object = DatasetSplitsObject(splits, source: source, recipe: recipe)
      guard object.contentDigest.bytes == digest else {
        throw CacheFormatError("the data set's files changed since it was cached (its contents differ)")
      }
      return object
    default: throw CacheFormatError("cached data set has an unknown form")
    }
  }

  /// The part called `name` (`train`, `test`, `validation`).
  func part(named name: String) -> Dataset? {
    switch name {
    case "train": return splits.train
    case "test": return splits.test
    case "validation": return splits.validation
    default: return nil
    }
  }
}
