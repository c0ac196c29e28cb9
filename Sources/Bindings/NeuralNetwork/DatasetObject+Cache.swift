import Kernel
import NeuralNetwork

extension DatasetObject: CacheableObject {
  /// A part of a data set the cache stores without its examples: that data set and the part's
  /// name. A set drawn from another (`subset`, `select`): that set and the step. Any other set:
  /// its inputs by digest beside the entry, labels and names.
  public func encode(to writer: CacheWriter) throws {
    if let origin, origin.isStoredByReference, origin.hasPart(named: part) {
      writer.byte(1)
      try writer.object(origin)
      writer.string(part)
      return
    }
    if let (parent, step) = derivation {
      writer.byte(2)
      try writer.object(parent)
      writer.string(part)
      switch step {
      case .subset(let count, let seed):
        writer.byte(0)
        writer.int(count)
        writer.int(Int(bitPattern: UInt(seed)))
      case .select(let indices):
        writer.byte(1)
        writer.ints(indices)
      }
      return
    }
    writer.byte(0)
    EngineCacheCoding.write(try dataset, to: writer)
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
      guard origin.hasPart(named: part) else { throw CacheFormatError("cached data set has no part '\(part)'") }
      return DatasetObject(part: part, of: origin)
    case 2:
      let parent = try reader.object(as: DatasetObject.self)
      let part = try reader.string()
      let step: DatasetDerivation
      switch try reader.byte() {
      case 0: step = .subset(count: try reader.int(), seed: UInt64(UInt(bitPattern: try reader.int())))
      case 1: step = .select(try reader.ints())
      default: throw CacheFormatError("cached data set has an unknown step")
      }
      return DatasetObject(step, of: parent, part: part)
    default: throw CacheFormatError("cached data set has an unknown form")
    }
  }
}

extension DatasetSplitsObject: CacheableObject {
  /// A data set a builtin made from files or a generator: how it was made and the digest of
  /// its contents (not the contents: a hit makes it again). Parts put together: those parts.
  /// Any other: the parts, inputs by digest beside the entry.
  public func encode(to writer: CacheWriter) throws {
    if let recipe {
      writer.byte(1)
      recipe.encode(to: writer)
      writer.raw(try contentDigest().bytes)
      writer.string(source)
      return
    }
    if let (train, test, validation) = partObjects {
      writer.byte(2)
      try writer.object(train)
      try writer.object(test)
      writer.bool(validation != nil)
      if let validation { try writer.object(validation) }
      writer.string(source)
      return
    }
    writer.byte(0)
    let splits = try splits
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
      guard digest.count == 32 else { throw CacheFormatError("cached data set has a bad digest") }
      // Made again only when a cell that runs uses it; the digest is taken as stored: the entry
      // is only reached when the files the cell read are unchanged (they are part of its key)
      // and the build is the same (the executable is too), so the recipe makes the same examples.
      return DatasetSplitsObject(making: recipe, digest: Digest(bytes: digest), source: source)
    case 2:
      let train = try reader.object(as: DatasetObject.self)
      let test = try reader.object(as: DatasetObject.self)
      let validation = try reader.bool() ? try reader.object(as: DatasetObject.self) : nil
      return DatasetSplitsObject(train: train, test: test, validation: validation, source: try reader.string())
    default: throw CacheFormatError("cached data set has an unknown form")
    }
  }
}
