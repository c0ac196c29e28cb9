import CZlib

/// gzip (and zlib) streams through the system zlib; no zlib type leaves this file.
enum Gzip {
  /// Why a stream could not be inflated.
  struct Failure: Error, Equatable {
    /// True when the stream stops before its end: a truncated file rather than a damaged one.
    var truncated: Bool
    /// zlib's own words, or ours.
    var message: String
  }

  /// True when `bytes` start with the gzip magic number.
  static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
  }

  /// Inflates a gzip or zlib stream, including gzip files made of several members.
  ///
  /// zlib checks the CRC-32 and length in each gzip trailer, so a damaged body is reported, not returned.
  static func decompress(_ input: [UInt8]) throws -> [UInt8] {
    var stream = z_stream()
    // 15 + 32: the largest window, and let zlib detect gzip or zlib headers.
    guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw Failure(truncated: false, message: "zlib could not start inflating")
    }
    defer { inflateEnd(&stream) }

    var output = [UInt8](repeating: 0, count: initialCapacity(for: input))
    var produced = 0
    var consumed = 0
    try input.withUnsafeBufferPointer { source in
      guard let sourceBase = source.baseAddress, !source.isEmpty else {
        throw Failure(truncated: true, message: "the stream is empty")
      }
      while true {
        if stream.avail_in == 0 && consumed < source.count {
          // avail_in is 32-bit: feed inputs beyond 4 GiB in pieces.
          let piece = min(source.count - consumed, Int(UInt32.max))
          stream.next_in = UnsafeMutablePointer(mutating: sourceBase + consumed)
          stream.avail_in = UInt32(piece)
          consumed += piece
        }
        if produced == output.count {
          output += [UInt8](repeating: 0, count: max(output.count, 1 << 16))
        }
        let status = output.withUnsafeMutableBufferPointer { target -> Int32 in
          let room = min(target.count - produced, Int(UInt32.max))
          stream.next_out = target.baseAddress! + produced
          stream.avail_out = UInt32(room)
          let status = inflate(&stream, Z_NO_FLUSH)
          produced += room - Int(stream.avail_out)
          return status
        }
        let remaining = Int(stream.avail_in) + (source.count - consumed)
        switch status {
        case Z_STREAM_END:
          // Another gzip member may follow; trailing zero padding (tape blocks) is allowed, as gunzip does.
          let rest = UnsafeBufferPointer(start: sourceBase + (source.count - remaining), count: remaining)
          if rest.allSatisfy({ $0 == 0 }) {
            output.removeSubrange(produced...)
            return
          }
          guard inflateReset(&stream) == Z_OK else {
            throw Failure(truncated: false, message: "zlib could not restart for the next gzip member")
          }
        case Z_OK:
          continue
        case Z_BUF_ERROR:
          if stream.avail_out == 0 { continue }
          if remaining == 0 { throw Failure(truncated: true, message: "the compressed stream ends early") }
          throw Failure(truncated: false, message: "zlib made no progress")
        case Z_DATA_ERROR, Z_NEED_DICT:
          throw Failure(truncated: false, message: zlibMessage(stream.msg, default: "invalid compressed data"))
        case Z_MEM_ERROR:
          throw Failure(truncated: false, message: "zlib ran out of memory")
        default:
          throw Failure(truncated: false, message: zlibMessage(stream.msg, default: "zlib error \(status)"))
        }
      }
    }
    return output
  }

  /// Compresses `input` into a single gzip member.
  static func compress(_ input: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) -> [UInt8] {
    var stream = z_stream()
    // 15 + 16: the largest window, with a gzip header and trailer instead of zlib's.
    let started = deflateInit2_(
      &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
      Int32(MemoryLayout<z_stream>.size))
    precondition(started == Z_OK, "zlib could not start deflating (status \(started))")
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
    var source = input
    let written = source.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target -> Int in
        // An empty array's base address may be nil; zlib accepts a null pointer with zero length.
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        let status = deflate(&stream, Z_FINISH)
        // deflateBound guarantees room for one Z_FINISH call.
        precondition(status == Z_STREAM_END, "zlib deflate did not finish (status \(status))")
        return target.count - Int(stream.avail_out)
      }
    }
    output.removeSubrange(written...)
    return output
  }

  /// A first guess of the inflated size: a gzip trailer's last four bytes hold it modulo 2^32.
  private static func initialCapacity(for input: [UInt8]) -> Int {
    let fallback = max(input.count * 4, 1 << 16)
    guard isGzip(input), input.count >= 18 else { return fallback }
    let n = input.count
    let size = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
    // A damaged trailer must not make us allocate absurdly; deflate rarely exceeds 1:1032.
    guard size > 0, size <= input.count * 1032 else { return fallback }
    return size
  }

  private static func zlibMessage(_ message: UnsafeMutablePointer<CChar>?, default fallback: String) -> String {
    guard let message else { return fallback }
    return String(cString: message)
  }
}
