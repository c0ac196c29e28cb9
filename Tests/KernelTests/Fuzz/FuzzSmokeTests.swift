import Bindings
import Foundation
import Tensor
import Testing

@testable import Kernel

/// A fixed, seeded smoke of the fuzzer (`make fuzz` runs the real one): a few thousand
/// mutations of the seed corpus (`Fuzz/corpus`) with tokens of the dictionary (`Fuzz/lab.dict`),
/// run by the parser and the evaluator under small limits. A crash kills the test process;
/// every error must point into its cell.
@Suite struct FuzzSmokeTests {
  static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

  static func corpus() throws -> [String] {
    let folder = fuzzFolder.appendingPathComponent("corpus").path
    return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
      try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
    }
  }

  static func dictionary() throws -> [String] {
    let text = try String(contentsOf: fuzzFolder.appendingPathComponent("lab.dict"), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("\""), line.hasSuffix("\""), line.count >= 2 else { return nil }
      return String(line.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
    }
  }

  /// One mutation of `text`, drawn from `random`.
  static func mutate(_ text: [UInt8], _ corpus: [[UInt8]], _ tokens: [[UInt8]], _ random: inout SplitMix64) -> [UInt8] {
    var bytes = text
    func position() -> Int { bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1)) }
    switch random.next() % 6 {
    case 0:  // insert a token
      bytes.insert(contentsOf: tokens[Int(random.next() % UInt64(tokens.count))], at: position())
    case 1:  // delete a range
      let start = position(), length = Int(random.next() % 16)
      bytes.removeSubrange(start..<min(bytes.count, start + length))
    case 2:  // duplicate a range
      let start = position(), end = min(bytes.count, start + Int(random.next() % 64))
      bytes.insert(contentsOf: bytes[start..<end], at: position())
    case 3:  // splice in part of another entry
      let other = corpus[Int(random.next() % UInt64(corpus.count))]
      let start = other.isEmpty ? 0 : Int(random.next() % UInt64(other.count))
      bytes.insert(contentsOf: other[start..<min(other.count, start + Int(random.next() % 200))], at: position())
    case 4:  // overwrite a byte
      if !bytes.isEmpty { bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next()) }
    default:  // a token repeated many times: deep nesting, long chains
      let token = tokens[Int(random.next() % UInt64(tokens.count))]
      let count = Int(random.next() % 3000)
      bytes.insert(contentsOf: Array([[UInt8]](repeating: token, count: count).joined()), at: position())
    }
    return bytes
  }

  @Test func thousandsOfMutatedCellsEndInResultsOrLocatedErrors() throws {
    let corpus = try Self.corpus().map { Array($0.utf8) }
    let tokens = try Self.dictionary().map { Array($0.utf8) }
    try #require(corpus.count >= 20 && tokens.count >= 40)
    var random = SplitMix64(seed: 2026)
    var errors = 0
    for _ in 0..<2_000 {
      var bytes = corpus[Int(random.next() % UInt64(corpus.count))]
      for _ in 0...(random.next() % 4) { bytes = Self.mutate(bytes, corpus, tokens, &random) }
      let source = String(decoding: bytes, as: UTF8.self)
      let session = Session(file: "fuzz.md", registry: .languageOnly(), memoryBudget: 256 << 20)
      let result = session.run(source, line: 1, timeout: 0.2)
      guard let error = result.error else { continue }
      errors += 1
      let lines = source.split(separator: "\n", omittingEmptySubsequences: false).count
      if let location = error.location {
        #expect(location.line >= 1 && location.line <= lines && location.column >= 1, "\(error.rendered)\n--- input:\n\(source)")
      }
      #expect(!error.message.isEmpty)
    }
    // Most mutations break the cell: the smoke exercises the error paths, not only the happy ones.
    #expect(errors > 1_000)
  }
}
