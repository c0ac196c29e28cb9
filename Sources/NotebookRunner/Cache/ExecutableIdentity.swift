import CZlib
import Foundation
import Kernel

/// What identifies the running executable's build for the cell cache: its size and two
/// checksums of its contents (zlib's CRC-32 and Adler-32), read once per process.
///
/// The contents, not the path or the time: a copy of the same executable elsewhere computes
/// the same numbers and hits, a rebuilt one that differs by a byte misses. Checksums rather
/// than SHA-256 because the debug build's SHA-256 would take seconds over a 30–60 MB
/// executable at every test's first render, and zlib's run at gigabytes a second; an
/// accidental clash of both for two builds of one size is about one in 10^19.
enum ExecutableIdentity {
  /// The identity, or a note of why there is none (the executable could not be read: every
  /// cell's key then names that, and a store is only shared by processes that could not read it either).
  static let current: String = {
    let fallback = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).path } ?? ""
    let path = Bundle.main.executablePath ?? fallback
    guard let data = FileManager.default.contents(atPath: path) else { return "unreadable executable \(path)" }
    return data.withUnsafeBytes { identity(of: $0) }
  }()

  /// `size crc32 adler32` of `bytes`, in hexadecimal.
  static func identity(of bytes: UnsafeRawBufferPointer) -> String {
    var crc = crc32(0, nil, 0)
    var adler = adler32(0, nil, 0)
    var rest = bytes
    // zlib takes a 32-bit length: feed larger buffers in pieces.
    while !rest.isEmpty {
      let piece = min(rest.count, 1 << 30)
      let start = rest.baseAddress?.assumingMemoryBound(to: Bytef.self)
      crc = crc32(crc, start, UInt32(piece))
      adler = adler32(adler, start, UInt32(piece))
      rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
    }
    return String(format: "%d %08x %08x", bytes.count, UInt32(truncatingIfNeeded: crc), UInt32(truncatingIfNeeded: adler))
  }
}
