import CZlib

/// The CRC-32 of zlib (the polynomial of gzip, PNG and zip), over a run of bytes.
enum CRC32 {
  /// The checksum of `bytes`, continuing from `previous` (0 to start).
  static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
    var crc = UInt(previous)
    var rest = bytes
    // zlib takes a 32-bit length: feed larger buffers in pieces.
    while !rest.isEmpty {
      let piece = min(rest.count, Int(UInt32.max))
      crc = crc32(crc, rest.baseAddress?.assumingMemoryBound(to: Bytef.self), UInt32(piece))
      rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
    }
    return UInt32(truncatingIfNeeded: crc)
  }

  /// The checksum of `bytes`.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }
}
