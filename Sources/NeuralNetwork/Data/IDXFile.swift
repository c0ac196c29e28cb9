import Foundation

/// An IDX file of unsigned bytes (the MNIST format): a magic number, big-endian dimension sizes, then the data.
///
/// The magic number is two zero bytes, the element type (0x08 for unsigned bytes, the only type
/// read here), and the number of dimensions. Files may be gzip-compressed; that is detected from
/// their first bytes, not their name.
public struct IDXFile: Sendable, Equatable {
  /// The size of each dimension, outermost first.
  public var dimensions: [Int]
  /// The elements in row-major order.
  public var bytes: [UInt8]

  /// The IDX code of unsigned-byte elements.
  public static let unsignedByteType: UInt8 = 0x08

  /// Creates a file from its dimensions and elements.
  public init(dimensions: [Int], bytes: [UInt8]) {
    precondition(dimensions.reduce(1, *) == bytes.count, "dimensions \(dimensions) do not hold \(bytes.count) bytes")
    self.dimensions = dimensions
    self.bytes = bytes
  }

  /// Parses the bytes of an IDX file, inflating them first when they are gzip data.
  ///
  /// `path` only names the file in errors.
  public init(parsing raw: [UInt8], path: String? = nil) throws {
    let name = path ?? "IDX data"
    var content = raw
    if Gzip.isGzip(raw) {
      do {
        content = try Gzip.decompress(raw)
      } catch let failure as Gzip.Failure {
        throw DataError(
          failure.truncated ? .truncated : .corrupt, path: path,
          message: "\(name): \(failure.truncated ? "truncated" : "corrupt") gzip data (\(failure.message))")
      }
    }
    guard content.count >= 4 else {
      throw DataError(.truncated, path: path, message: "\(name): truncated: \(content.count) bytes, too short for an IDX header")
    }
    guard content[0] == 0, content[1] == 0 else {
      let magic = content[0..<4].map { String(format: "%02x", $0) }.joined()
      throw DataError(.corrupt, path: path, message: "\(name): not an IDX file (magic number 0x\(magic))")
    }
    guard content[2] == Self.unsignedByteType else {
      throw DataError(
        .corrupt, path: path,
        message: "\(name): IDX element type 0x\(String(format: "%02x", content[2])) is not supported; only unsigned bytes (0x08) are read")
    }
    let rank = Int(content[3])
    guard rank >= 1 else {
      throw DataError(.corrupt, path: path, message: "\(name): IDX header declares no dimensions")
    }
    let headerSize = 4 + 4 * rank
    guard content.count >= headerSize else {
      throw DataError(
        .truncated, path: path,
        message: "\(name): truncated: the header declares \(rank) dimensions but the file has \(content.count) bytes")
    }
    var dimensions = [Int]()
    var total = 1
    for d in 0..<rank {
      let at = 4 + 4 * d
      let size = Int(content[at]) << 24 | Int(content[at + 1]) << 16 | Int(content[at + 2]) << 8 | Int(content[at + 3])
      let (product, overflow) = total.multipliedReportingOverflow(by: size)
      guard !overflow else {
        throw DataError(.corrupt, path: path, message: "\(name): IDX dimensions overflow")
      }
      dimensions.append(size)
      total = product
    }
    let available = content.count - headerSize
    guard available >= total else {
      throw DataError(
        .truncated, path: path,
        message: "\(name): truncated: dimensions \(dimensions) need \(total) data bytes, the file has \(available)")
    }
    guard available == total else {
      throw DataError(
        .corrupt, path: path,
        message: "\(name): \(available - total) bytes after the data of dimensions \(dimensions)")
    }
    self.dimensions = dimensions
    self.bytes = Array(content[headerSize...])
  }

  /// Reads and parses the IDX file at `path` (gzip-compressed or not).
  public init(contentsOf path: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      throw DataError(.missingFile, path: path, message: "\(path) not found")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw DataError(.unreadable, path: path, message: "\(path): cannot be read (\(error.localizedDescription))")
    }
    try self.init(parsing: [UInt8](data), path: path)
  }

  /// The bytes of this file in IDX form, uncompressed.
  public func encoded() -> [UInt8] {
    precondition(dimensions.count <= 255 && dimensions.allSatisfy { $0 >= 0 && $0 <= Int(UInt32.max) })
    var out: [UInt8] = [0, 0, Self.unsignedByteType, UInt8(dimensions.count)]
    for size in dimensions {
      out += [UInt8(truncatingIfNeeded: size >> 24), UInt8(truncatingIfNeeded: size >> 16),
              UInt8(truncatingIfNeeded: size >> 8), UInt8(truncatingIfNeeded: size)]
    }
    return out + bytes
  }
}
