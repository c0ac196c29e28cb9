import Testing
@testable import NeuralNetwork

@Suite("Gzip")
struct GzipTests {
  @Test("compress then decompress returns the input")
  func roundTrip() throws {
    var bytes = [UInt8]()
    var x: UInt32 = 12345
    for i in 0..<200_000 {
      x = x &* 1_664_525 &+ 1_013_904_223
      bytes.append(i % 3 == 0 ? UInt8(x >> 24) : UInt8(i % 7))
    }
    let packed = Gzip.compress(bytes)
    #expect(Gzip.isGzip(packed))
    #expect(packed.count < bytes.count)
    #expect(try Gzip.decompress(packed) == bytes)
    #expect(try Gzip.decompress(Gzip.compress([])) == [])
  }

  @Test("concatenated gzip members inflate as one stream")
  func multipleMembers() throws {
    let joined = Gzip.compress([1, 2, 3]) + Gzip.compress([4, 5])
    #expect(try Gzip.decompress(joined) == [1, 2, 3, 4, 5])
  }

  @Test("a cut stream is reported as truncated, a damaged one as corrupt")
  func damage() throws {
    let packed = Gzip.compress([UInt8](repeating: 7, count: 5000) + (0..<255).map { UInt8($0) })
    #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array(packed.prefix(packed.count - 6))) }
    do {
      _ = try Gzip.decompress(Array(packed.prefix(packed.count / 2)))
      Issue.record("a half stream inflated")
    } catch let failure as Gzip.Failure {
      #expect(failure.truncated)
    }
    var damaged = packed
    damaged[damaged.count - 6] ^= 0xff  // inside the CRC-32 of the trailer
    do {
      _ = try Gzip.decompress(damaged)
      Issue.record("a damaged stream inflated")
    } catch let failure as Gzip.Failure {
      #expect(!failure.truncated)
    }
  }
}
