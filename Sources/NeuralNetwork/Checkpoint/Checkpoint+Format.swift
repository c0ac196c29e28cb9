import Foundation
import Tensor

/// The binary layout, little-endian throughout:
///
/// ```
/// header   8 bytes   magic "\u{89}NNLAB\r\n"   (PNG-style: catches text-mode and 7-bit damage)
///          UInt32    format version
///          UInt32    flags (0; reserved)
///          UInt64    body length in bytes
/// body     UInt32    architecture length, then that many bytes of UTF-8 JSON
///          UInt32    tensor count, then per tensor:
///                      UInt32 name length, UTF-8 name, UInt32 rank, UInt64 per dimension,
///                      Float32 elements, row-major
/// trailer  UInt32    CRC-32 (zlib) of header and body
/// ```
///
/// The 24-byte header keeps this layout in every version, so any later reader can tell a newer
/// file from a damaged one.
extension Checkpoint {
  /// The magic number every checkpoint starts with.
  public static let magic: [UInt8] = [0x89, 0x4E, 0x4E, 0x4C, 0x41, 0x42, 0x0D, 0x0A]
  /// The newest format version this build writes and reads.
  public static let formatVersion: UInt32 = 1
  /// Magic, version, flags and body length.
  static let headerSize = 24

  /// The checkpoint as file bytes.
  public func encoded() -> [UInt8] {
    var body = ByteWriter()
    let json = Array(architecture.utf8)
    body.append(UInt32(json.count))
    body.append(json)
    body.append(UInt32(tensors.count))
    for (name, tensor) in tensors {
      let utf8 = Array(name.utf8)
      body.append(UInt32(utf8.count))
      body.append(utf8)
      body.append(UInt32(tensor.shape.count))
      for size in tensor.shape { body.append(UInt64(size)) }
      body.append(tensor.scalars)
    }
    var file = ByteWriter()
    file.append(Self.magic)
    file.append(Self.formatVersion)
    file.append(UInt32(0))
    file.append(UInt64(body.bytes.count))
    file.append(body.bytes)
    file.append(CRC32.checksum(file.bytes))
    return file.bytes
  }

  /// Reads a checkpoint from file bytes; `path` only names the file in errors.
  ///
  /// Tells a foreign file, a newer format, a truncated file and a damaged one apart.
  public init(decoding bytes: [UInt8], path: String? = nil) throws {
    let name = path ?? "checkpoint"
    func fail(_ kind: CheckpointError.Kind, _ text: String) -> CheckpointError {
      CheckpointError(kind, path: path, message: "\(name): \(text)")
    }
    let magicLength = Self.magic.count
    guard bytes.count >= magicLength else {
      if bytes.elementsEqual(Self.magic.prefix(bytes.count)) && !bytes.isEmpty {
        throw fail(.truncated, "truncated: \(bytes.count) bytes, shorter than a checkpoint header")
      }
      throw fail(.foreign, "not an nnlab checkpoint (\(bytes.count) bytes)")
    }
    guard bytes.prefix(magicLength).elementsEqual(Self.magic) else {
      // The message never shows the file's bytes: a notebook could point `load` at a secret.
      throw fail(.foreign, "not an nnlab checkpoint (it does not start with the checkpoint magic number)")
    }
    guard bytes.count >= Self.headerSize else {
      throw fail(.truncated, "truncated: \(bytes.count) bytes, shorter than a checkpoint header")
    }
    var header = ByteReader(bytes, from: magicLength)
    let version = try header.uint32()
    _ = try header.uint32()
    let bodyLength = try header.uint64()
    let expected = UInt64(Self.headerSize).addingReportingOverflow(bodyLength).partialValue &+ 4
    let stored = UInt64(bytes.count)
    // A newer version is judged on the header alone: its body and trailer may be laid out differently.
    guard version <= Self.formatVersion else {
      throw fail(
        .newerVersion,
        "written in checkpoint format version \(version); this build of nnlab reads versions up to \(Self.formatVersion)")
    }
    guard version >= 1 else { throw fail(.corrupt, "corrupt: format version 0 does not exist") }
    guard bodyLength <= UInt64(Int.max - 64), stored >= expected else {
      throw fail(.truncated, "truncated: the file has \(bytes.count) of its \(expected) bytes")
    }
    guard stored == expected else {
      throw fail(.corrupt, "corrupt: \(stored - expected) unexpected bytes after the checksum")
    }
    let contentLength = Int(expected) - 4
    let computed = bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[..<contentLength])) }
    var trailer = ByteReader(bytes, from: contentLength)
    let recorded = try trailer.uint32()
    guard computed == recorded else {
      throw fail(
        .corrupt,
        "corrupt: checksum mismatch (stored \(Self.hex32(recorded)), computed \(Self.hex32(computed))); the file is damaged")
    }

    var body = ByteReader(bytes, from: Self.headerSize, to: contentLength)
    do {
      let jsonLength = try body.count32()
      let json = try body.bytes(jsonLength)
      guard let architecture = String(validating: json, as: UTF8.self) else {
        throw fail(.corrupt, "corrupt: the architecture block is not UTF-8 text")
      }
      let tensorCount = try body.count32()
      var tensors = [(name: String, tensor: Tensor)]()
      for _ in 0..<tensorCount {
        let nameBytes = try body.bytes(try body.count32())
        guard let tensorName = String(validating: nameBytes, as: UTF8.self) else {
          throw fail(.corrupt, "corrupt: a tensor name is not UTF-8 text")
        }
        let rank = try body.count32()
        var shape = [Int]()
        var elements = 1
        for _ in 0..<rank {
          let size = try body.uint64()
          guard size <= UInt64(Int.max) else { throw ByteReader.Overrun() }
          let (product, overflow) = elements.multipliedReportingOverflow(by: Int(size))
          guard !overflow else { throw ByteReader.Overrun() }
          shape.append(Int(size))
          elements = product
        }
        tensors.append((tensorName, Tensor(shape: shape, scalars: try body.floats(elements))))
      }
      guard body.isAtEnd else {
        throw fail(.corrupt, "corrupt: \(body.remaining) bytes left over after the last tensor")
      }
      do {
        try self.init(architecture: architecture, tensors: tensors)
      } catch let error as CheckpointError {
        throw fail(.corrupt, "corrupt: \(error.message)")
      }
    } catch is ByteReader.Overrun {
      throw fail(.corrupt, "corrupt: a block runs past the end of the content")
    }
  }

  /// Writes the checkpoint to `path`, replacing any file there in one step.
  public func write(to path: String) throws {
    do {
      try Data(encoded()).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw CheckpointError(.unreadable, path: path, message: "\(path): cannot write the checkpoint (\(error.localizedDescription))")
    }
  }

  /// Reads the checkpoint at `path`.
  public init(contentsOf path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      throw CheckpointError(.missingFile, path: path, message: "\(path): checkpoint not found")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CheckpointError(.unreadable, path: path, message: "\(path): cannot be read (\(error.localizedDescription))")
    }
    try self.init(decoding: [UInt8](data), path: path)
  }

  private static func hex32(_ value: UInt32) -> String { String(format: "0x%08x", value) }
}
