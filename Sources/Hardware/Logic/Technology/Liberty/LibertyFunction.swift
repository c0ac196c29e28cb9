/// The Boolean `function` strings of Liberty pins, parsed into truth tables.
///
/// Grammar (Liberty reference manual, "function" attribute), by falling precedence:
/// inversion (`!a` prefix, `a'` postfix), exclusive or (`^`), and (`*`, `&`, or two
/// operands side by side separated by space), or (`+`, `|`); parentheses group; `0` and
/// `1` are constants; any other name must be one of the cell's input pins.
public enum LibertyFunction {
  /// The largest number of variables a table holds (a 64-bit word).
  public static let maximumInputs = 6

  /// The truth table of `expression` over `pins` (bit `k` is the value when pin `i` has bit
  /// `i` of `k`), repeated to fill 64 bits, or why it does not parse.
  public static func truthTable(_ expression: String, pins: [String]) -> Result<UInt64, FunctionError> {
    guard pins.count <= maximumInputs else {
      return .failure(FunctionError(message: "functions of more than \(maximumInputs) inputs are not supported"))
    }
    var parser = Parser(text: Array(expression.utf8), pins: pins)
    do {
      let value = try parser.parseOr()
      parser.skipBlanks()
      guard parser.index == parser.text.count else {
        throw FunctionError(message: "expected an operator or the end of the function at column \(parser.index + 1) of \"\(expression)\"")
      }
      return .success(value)
    } catch let error as FunctionError {
      return .failure(error)
    } catch {
      return .failure(FunctionError(message: "\(error)"))
    }
  }

  /// Why a function string did not parse.
  public struct FunctionError: Error, Sendable {
    /// What was expected and where.
    public var message: String
  }

  /// The table of variable `i` over 64 bits.
  static let variables: [UInt64] = [
    0xAAAA_AAAA_AAAA_AAAA, 0xCCCC_CCCC_CCCC_CCCC, 0xF0F0_F0F0_F0F0_F0F0, 0xFF00_FF00_FF00_FF00,
    0xFFFF_0000_FFFF_0000, 0xFFFF_FFFF_0000_0000,
  ]

  struct Parser {
    let text: [UInt8]
    let pins: [String]
    var index = 0

    mutating func skipBlanks() {
      while index < text.count && (text[index] == 32 || text[index] == 9) { index += 1 }
    }

    func peek() -> UInt8? { index < text.count ? text[index] : nil }

    func fail(_ what: String) -> FunctionError {
      let found = index < text.count ? "'\(Character(Unicode.Scalar(text[index])))'" : "the end"
      return FunctionError(message: "expected \(what) at column \(index + 1) of \"\(String(decoding: text, as: UTF8.self))\", found \(found)")
    }

    mutating func parseOr() throws -> UInt64 {
      var value = try parseAnd()
      while true {
        skipBlanks()
        guard let c = peek(), c == UInt8(ascii: "+") || c == UInt8(ascii: "|") else { return value }
        index += 1
        value |= try parseAnd()
      }
    }

    mutating func parseAnd() throws -> UInt64 {
      var value = try parseXor()
      while true {
        skipBlanks()
        guard let c = peek() else { return value }
        if c == UInt8(ascii: "*") || c == UInt8(ascii: "&") {
          index += 1
          value &= try parseXor()
        } else if Self.startsOperand(c) {
          value &= try parseXor()
        } else {
          return value
        }
      }
    }

    static func startsOperand(_ c: UInt8) -> Bool {
      c == UInt8(ascii: "!") || c == UInt8(ascii: "(") || isNameByte(c)
    }

    static func isNameByte(_ c: UInt8) -> Bool {
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_")
        || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: ".")
    }

    mutating func parseXor() throws -> UInt64 {
      var value = try parseUnary()
      while true {
        skipBlanks()
        guard peek() == UInt8(ascii: "^") else { return value }
        index += 1
        value ^= try parseUnary()
      }
    }

    mutating func parseUnary() throws -> UInt64 {
      skipBlanks()
      if peek() == UInt8(ascii: "!") {
        index += 1
        return ~(try parseUnary())
      }
      var value = try parsePrimary()
      while true {
        skipBlanks()
        guard peek() == UInt8(ascii: "'") else { return value }
        index += 1
        value = ~value
      }
    }

    mutating func parsePrimary() throws -> UInt64 {
      skipBlanks()
      guard let c = peek() else { throw fail("a pin name, a constant or '('") }
      if c == UInt8(ascii: "(") {
        index += 1
        let value = try parseOr()
        skipBlanks()
        guard peek() == UInt8(ascii: ")") else { throw fail("')'") }
        index += 1
        return value
      }
      guard Self.isNameByte(c) else { throw fail("a pin name, a constant or '('") }
      let from = index
      while let d = peek(), Self.isNameByte(d) { index += 1 }
      let name = String(decoding: text[from..<index], as: UTF8.self)
      if name == "0" { return 0 }
      if name == "1" { return ~0 }
      guard let pin = pins.firstIndex(of: name) else {
        index = from
        throw FunctionError(message: "unknown pin '\(name)' in \"\(String(decoding: text, as: UTF8.self))\" (the cell's inputs are \(pins.joined(separator: ", ")))")
      }
      return LibertyFunction.variables[pin]
    }
  }
}
