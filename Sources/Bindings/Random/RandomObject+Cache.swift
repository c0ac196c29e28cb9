import Kernel
import Tensor

extension RandomObject: CacheableObject {
  /// Drawing moves the stream on.
  static var changesInPlace: Bool { true }

  /// The seed and the generator's whole state.
  func encode(to writer: CacheWriter) throws {
    writer.int(seed)
    let state = generator.savedState
    writer.ints(state.words.map { Int(bitPattern: UInt($0)) })
    writer.optionalDouble(state.spareNormal)
  }

  /// Reads what ``encode(to:)`` wrote.
  static func decode(from reader: CacheReader) throws -> RandomObject {
    let object = RandomObject(seed: try reader.int())
    let words = try reader.ints().map { UInt64(UInt(bitPattern: $0)) }
    guard let generator = SeededGenerator(savedWords: words, spareNormal: try reader.optionalDouble()) else {
      throw CacheFormatError("cached random generator has a bad state")
    }
    object.generator = generator
    return object
  }

  /// Any stream can continue any other's.
  func canRestoreState(from other: RandomObject) -> Bool { other.seed == seed }

  /// Continues `other`'s stream.
  func restoreState(from other: RandomObject) throws {
    generator = other.generator
  }
}
