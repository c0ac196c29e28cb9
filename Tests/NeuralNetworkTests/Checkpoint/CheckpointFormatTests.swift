import Foundation
import Tensor
import Testing
@testable import NeuralNetwork

@Suite("Checkpoint format")
struct CheckpointFormatTests {
  struct Architecture: Codable, Equatable {
    var kind: String
    var widths: [Int]
  }

  static func sample() throws -> Checkpoint {
    try Checkpoint(
      encoding: Architecture(kind: "mlp", widths: [4, 3, 2]),
      tensors: [
        ("layer0.weight", Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) * 0.25 - 1.5 })),
        ("layer0.bias", Tensor(shape: [3], scalars: [.pi, -0, 1e-30])),
        ("layer1.weight", Tensor(shape: [2, 3], scalars: [1, -1, .greatestFiniteMagnitude, 0.5, 2, -3])),
        ("scalar", Tensor(shape: [], scalars: [7])),
        ("empty", Tensor(shape: [0, 5], scalars: [])),
      ])
  }

  /// The error `bytes` give when decoded.
  static func failure(_ bytes: [UInt8]) -> CheckpointError? {
    do {
      _ = try Checkpoint(decoding: bytes, path: "net.ckpt")
      return nil
    } catch {
      return error as? CheckpointError
    }
  }

  @Test("a checkpoint survives writing and reading bit for bit")
  func roundTrip() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/net.ckpt"
    let original = try Self.sample()
    try original.write(to: path)
    let loaded = try Checkpoint(contentsOf: path)
    #expect(loaded.names == original.names)
    for (a, b) in zip(original.tensors, loaded.tensors) {
      #expect(a.tensor.shape == b.tensor.shape)
      #expect(a.tensor.scalars.map(\.bitPattern) == b.tensor.scalars.map(\.bitPattern))
    }
    #expect(try loaded.decodeArchitecture(as: Architecture.self) == Architecture(kind: "mlp", widths: [4, 3, 2]))
    #expect(loaded.encoded() == original.encoded())
  }

  @Test("the layout starts with the magic number, the version and the body length, little-endian")
  func layout() throws {
    let bytes = try Self.sample().encoded()
    #expect(Array(bytes.prefix(8)) == [0x89, 0x4E, 0x4E, 0x4C, 0x41, 0x42, 0x0D, 0x0A])
    #expect(Array(bytes[8..<12]) == [1, 0, 0, 0])
    let bodyLength = (16..<24).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 16)) }
    #expect(bodyLength == bytes.count - 28)
    let crc = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[bytes.count - 4 + $1]) << (8 * $1) }
    #expect(crc == CRC32.checksum(Array(bytes.dropLast(4))))
  }

  @Test("any damaged byte of the content is a checksum error")
  func corruptByte() throws {
    let bytes = try Self.sample().encoded()
    // Every byte after the version field: the body and the checksum itself.
    for offset in stride(from: 12, to: bytes.count, by: 7) where !(16..<24).contains(offset) {
      var damaged = bytes
      damaged[offset] ^= 0x10
      let error = Self.failure(damaged)
      #expect(error?.kind == .corrupt, "byte \(offset)")
      #expect(error?.message.contains("checksum mismatch") == true, "byte \(offset)")
      #expect(error?.message.hasPrefix("net.ckpt: corrupt") == true)
    }
  }

  @Test("a cut file is reported as truncated, a longer one as corrupt")
  func truncated() throws {
    let bytes = try Self.sample().encoded()
    for length in [3, 8, 20, 24, 100, bytes.count - 1] {
      let error = Self.failure(Array(bytes.prefix(length)))
      #expect(error?.kind == .truncated, "length \(length)")
      #expect(error?.message.contains("truncated") == true)
    }
    #expect(Self.failure(bytes + [0])?.kind == .corrupt)
  }

  @Test("another file type is foreign, a later format version is named as such")
  func foreignAndNewer() throws {
    #expect(Self.failure(Array("{\"not\": \"a checkpoint\"}".utf8))?.kind == .foreign)
    #expect(Self.failure(Gzip.compress([1, 2, 3]))?.message.contains("not an nnlab checkpoint") == true)
    #expect(Self.failure([])?.kind == .foreign)
    var newer = try Self.sample().encoded()
    newer[8] = 2
    let error = Self.failure(newer)
    #expect(error?.kind == .newerVersion)
    #expect(error?.message == "net.ckpt: written in checkpoint format version 2; this build of nnlab reads versions up to 1")
  }

  @Test("missing files, duplicate names and non-JSON architectures are refused")
  func invalid() throws {
    #expect(throws: CheckpointError.self) { try Checkpoint(contentsOf: "/nonexistent/net.ckpt") }
    let t = Tensor(shape: [1], scalars: [1])
    #expect(throws: CheckpointError.self) { try Checkpoint(architecture: "{}", tensors: [("a", t), ("a", t)]) }
    #expect(throws: CheckpointError.self) { try Checkpoint(architecture: "{oops", tensors: []) }
  }
}
