import Foundation

/// Strict UTF-8 decoding that says where the first bad byte is.
enum UTF8Check {
  /// Where a byte sequence stops being UTF-8.
  struct Position: Error, Equatable {
    /// 1-based line of the bad byte.
    var line: Int
    /// 1-based column of the bad byte, counted in bytes.
    var column: Int
    /// The offending byte.
    var byte: UInt8
  }

  /// The text, without a leading byte-order mark, or where decoding failed.
  static func decode(_ data: Data) -> Result<String, Position> {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    decoding: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput: break decoding
      case .error:
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return .failure(Position(line: line, column: offset - lineStart + 1, byte: bytes[offset]))
      }
    }
    return .success(String(decoding: bytes, as: UTF8.self))
  }
}
