import Tensor

/// Appends little-endian values to a byte array.
struct ByteWriter {
  private(set) var bytes: [UInt8] = []

  mutating func append(_ raw: [UInt8]) { bytes += raw }

  mutating func append<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
  }

  /// Float32 elements as little-endian bit patterns.
  mutating func append(_ values: [Float]) {
    #if _endian(little)
      values.withUnsafeBytes { bytes += $0 }
    #else
      for value in values { append(value.bitPattern) }
    #endif
  }
}

/// Reads little-endian values from a range of a byte array, throwing `Overrun` past its end.
struct ByteReader {
  /// A read past the end of the range.
  struct Overrun: Error {}

  private let source: [UInt8]
  private var position: Int
  private let end: Int

  init(_ source: [UInt8], from start: Int = 0, to end: Int? = nil) {
    self.source = source
    self.position = start
    self.end = end ?? source.count
  }

  var remaining: Int { end - position }
  var isAtEnd: Bool { position == end }

  private mutating func take(_ count: Int) throws -> Range<Int> {
    guard count >= 0, count <= remaining else { throw Overrun() }
    defer { position += count }
    return position..<(position + count)
  }

  private mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
    let range = try take(MemoryLayout<T>.size)
    return source.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound, as: T.self)) }
  }

  mutating func uint32() throws -> UInt32 { try integer(UInt32.self) }
  mutating func uint64() throws -> UInt64 { try integer(UInt64.self) }

  /// A UInt32 length or count, as Int.
  mutating func count32() throws -> Int { Int(try uint32()) }

  mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
    source[try take(count)]
  }

  /// `count` Float32 elements stored as little-endian bit patterns.
  mutating func floats(_ count: Int) throws -> [Float] {
    let (byteCount, overflow) = count.multipliedReportingOverflow(by: 4)
    guard !overflow else { throw Overrun() }
    let range = try take(byteCount)
    return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      source.withUnsafeBytes { raw in
        #if _endian(little)
          UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[range]))
        #else
          for i in 0..<count {
            let bits = raw.loadUnaligned(fromByteOffset: range.lowerBound + 4 * i, as: UInt32.self)
            buffer[i] = Float(bitPattern: UInt32(littleEndian: bits))
          }
        #endif
      }
      initialized = count
    }
  }
}
