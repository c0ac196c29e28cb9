import Testing
@testable import NeuralNetwork

@Suite("IDX files")
struct IDXFileTests {
  /// A 3 x 2 x 2 unsigned-byte IDX file, written out byte by byte.
  static let tiny: [UInt8] = [0, 0, 0x08, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2] + (0..<12).map { UInt8($0 * 20) }

  @Test("reads dimensions and data of a plain and a gzip'd file")
  func readsTinyFile() throws {
    let folder = try TemporaryFolder()
    let plain = try folder.write(Self.tiny, to: "tiny-idx3-ubyte")
    let zipped = try folder.write(Gzip.compress(Self.tiny), to: "tiny-idx3-ubyte.gz")
    for path in [plain, zipped] {
      let file = try IDXFile(contentsOf: path)
      #expect(file.dimensions == [3, 2, 2])
      #expect(file.bytes == (0..<12).map { UInt8($0 * 20) })
    }
    #expect(try IDXFile(parsing: IDXFile(dimensions: [3, 2, 2], bytes: Array(Self.tiny[16...])).encoded()).dimensions == [3, 2, 2])
  }

  @Test("big-endian sizes above 255 are read whole")
  func largeDimension() throws {
    let bytes: [UInt8] = [0, 0, 8, 1, 0, 0, 0x01, 0x2c] + [UInt8](repeating: 9, count: 300)
    #expect(try IDXFile(parsing: bytes).dimensions == [300])
  }

  @Test("short data, a short header and a cut gzip stream are truncation errors")
  func truncated() throws {
    for bytes in [Array(Self.tiny.dropLast()), Array(Self.tiny.prefix(10)), [0, 0],
                  Array(Gzip.compress(Self.tiny).dropLast(9))] {
      #expect {
        try IDXFile(parsing: bytes, path: "x.gz")
      } throws: { error in
        (error as? DataError)?.kind == .truncated && "\(error)".contains("x.gz") && "\(error)".contains("truncated")
      }
    }
  }

  @Test("a foreign magic number, another element type and trailing bytes are corrupt-file errors")
  func corrupt() throws {
    var foreign = Self.tiny
    foreign[0] = 0x50
    var floats = Self.tiny
    floats[2] = 0x0d
    var damagedZip = Gzip.compress(Self.tiny)
    damagedZip[damagedZip.count - 5] ^= 0x40
    for (bytes, phrase) in [(foreign, "not an IDX file"), (floats, "0x0d"), (Self.tiny + [1], "after the data"),
                            (damagedZip, "corrupt gzip")] {
      #expect {
        try IDXFile(parsing: bytes, path: "f")
      } throws: { error in
        (error as? DataError)?.kind == .corrupt && "\(error)".contains(phrase)
      }
    }
  }

  @Test("a missing file is named in the error")
  func missingFile() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/absent.gz"
    #expect(throws: DataError(.missingFile, path: path, message: "\(path) not found")) { try IDXFile(contentsOf: path) }
  }
}
