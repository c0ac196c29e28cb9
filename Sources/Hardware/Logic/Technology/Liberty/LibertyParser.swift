/// Reads the syntax of a Liberty file into groups and attributes (no meaning yet).
///
/// The grammar: `/* */` and `//` comments; a backslash before a line end joins lines;
/// a statement is a simple attribute `name : value ;`, a complex attribute
/// `name ( values ) ;` or a group `name ( names ) { statements }`. Semicolons after simple
/// attributes are optional at a line end, as in many vendors' files.
public struct LibertyParser {
  /// A token: a bare word, a quoted string, or one punctuation byte.
  enum Token: Equatable {
    case word(String)
    case string(String)
    case punctuation(UInt8)
    case end
  }

  let bytes: [UInt8]
  let file: String
  var index = 0
  var line = 1
  /// The line the current token started on.
  var tokenLine = 1
  /// Whether a line break came between the previous token and the current one.
  var newlineBefore = false
  var token: Token = .end

  /// Parses `text`; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws -> LibertyGroup {
    var parser = LibertyParser(bytes: Array(text.utf8), file: file)
    return try parser.parseFile()
  }

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  func error(_ message: String, line: Int? = nil) -> LibertyError {
    LibertyError(file: file, line: line ?? tokenLine, message)
  }

  static func isWordByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "("),
      UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ":"), UInt8(ascii: ";"),
      UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\\"):
      return false
    default:
      return true
    }
  }

  /// Moves to the next token, skipping blanks, comments and line continuations.
  mutating func advance() throws {
    newlineBefore = false
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\n") {
        line += 1
        newlineBefore = true
        index += 1
      } else if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
        index += 1
      } else if b == UInt8(ascii: "\\") {
        // A continuation: the backslash and the line end are blanks (not a statement end).
        index += 1
        while index < bytes.count && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
          || bytes[index] == UInt8(ascii: "\r")) { index += 1 }
        if index < bytes.count && bytes[index] == UInt8(ascii: "\n") {
          line += 1
          index += 1
        }
      } else if b == UInt8(ascii: "/") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*") {
        let start = line
        index += 2
        while true {
          guard index + 1 < bytes.count else {
            throw error("unterminated comment: expected '*/' to close the comment opened here", line: start)
          }
          if bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/") {
            index += 2
            break
          }
          if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            newlineBefore = true
          }
          index += 1
        }
      } else if b == UInt8(ascii: "/") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") {
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
      } else {
        break
      }
    }
    tokenLine = line
    guard index < bytes.count else {
      token = .end
      return
    }
    let b = bytes[index]
    if b == UInt8(ascii: "\"") {
      let start = line
      index += 1
      let from = index
      var text: [UInt8] = []
      var escaped = false
      while true {
        guard index < bytes.count else { throw error("unterminated string: expected '\"' to close it", line: start) }
        let c = bytes[index]
        if c == UInt8(ascii: "\"") { break }
        if c == UInt8(ascii: "\\") && index + 1 < bytes.count
          && (bytes[index + 1] == UInt8(ascii: "\n") || bytes[index + 1] == UInt8(ascii: "\r")) {
          // A continuation inside a string joins the lines.
          if !escaped { text = Array(bytes[from..<index]) }
          escaped = true
          index += 1
          if bytes[index] == UInt8(ascii: "\r") { index += 1 }
          if index < bytes.count && bytes[index] == UInt8(ascii: "\n") {
            line += 1
            index += 1
          }
          continue
        }
        if c == UInt8(ascii: "\n") { line += 1 }
        if escaped { text.append(c) }
        index += 1
      }
      token = .string(escaped ? String(decoding: text, as: UTF8.self) : String(decoding: bytes[from..<index], as: UTF8.self))
      index += 1
      return
    }
    if Self.isWordByte(b) {
      let from = index
      while index < bytes.count && Self.isWordByte(bytes[index]) { index += 1 }
      token = .word(String(decoding: bytes[from..<index], as: UTF8.self))
      return
    }
    token = .punctuation(b)
    index += 1
  }

  static func describe(_ token: Token) -> String {
    switch token {
    case .word(let w): return "'\(w)'"
    case .string(let s): return "\"\(s)\""
    case .punctuation(let p): return "'\(Character(Unicode.Scalar(p)))'"
    case .end: return "the end of the file"
    }
  }

  mutating func expect(_ p: Character, _ context: String) throws {
    guard case .punctuation(let b) = token, b == p.asciiValue else {
      throw error("expected '\(p)' \(context), found \(Self.describe(token))")
    }
    try advance()
  }

  mutating func parseFile() throws -> LibertyGroup {
    try advance()
    guard case .word(let type) = token else {
      throw error("expected a 'library (name) { ... }' group, found \(Self.describe(token))")
    }
    let start = tokenLine
    try advance()
    guard case .punctuation(UInt8(ascii: "(")) = token else {
      throw error("expected '(' after '\(type)' to open the library group, found \(Self.describe(token))")
    }
    let group = try parseGroupOrComplex(name: type, line: start)
    guard case .group(let library) = group else {
      throw error("expected '{' to open the '\(type)' group", line: start)
    }
    guard token == .end else { throw error("expected the end of the file after the library group, found \(Self.describe(token))") }
    return library
  }

  enum Statement {
    case group(LibertyGroup)
    case attribute(LibertyAttribute)
  }

  /// After `name (`: the values, `)`, then either `{ ... }` (a group) or an optional `;`.
  mutating func parseGroupOrComplex(name: String, line start: Int) throws -> Statement {
    try advance()  // past '('
    var values: [LibertyValue] = []
    while true {
      switch token {
      case .punctuation(UInt8(ascii: ")")):
        break
      case .word(let w):
        values.append(LibertyValue(w, isQuoted: false))
        try advance()
      case .string(let s):
        values.append(LibertyValue(s, isQuoted: true))
        try advance()
      case .end:
        throw error("expected ')' to close the arguments of '\(name)' opened on line \(start), found the end of the file")
      default:
        throw error("expected a value or ')' in the arguments of '\(name)', found \(Self.describe(token))")
      }
      if case .punctuation(UInt8(ascii: ")")) = token { break }
      if case .punctuation(UInt8(ascii: ",")) = token { try advance() }
    }
    try advance()  // past ')'
    if case .punctuation(UInt8(ascii: "{")) = token {
      try advance()
      var group = LibertyGroup(type: name, arguments: values.map(\.text), line: start)
      try parseBody(into: &group)
      return .group(group)
    }
    if case .punctuation(UInt8(ascii: ";")) = token { try advance() }
    return .attribute(LibertyAttribute(name: name, values: values, isComplex: true, line: start))
  }

  /// Statements up to and including the `}` that closes `group`.
  mutating func parseBody(into group: inout LibertyGroup) throws {
    while true {
      switch token {
      case .punctuation(UInt8(ascii: "}")):
        try advance()
        return
      case .punctuation(UInt8(ascii: ";")):
        try advance()
      case .end:
        throw error("expected '}' to close the '\(group.type)' group opened on line \(group.line), found the end of the file (truncated file?)")
      case .word(let name):
        let start = tokenLine
        try advance()
        switch token {
        case .punctuation(UInt8(ascii: ":")):
          try advance()
          let value: LibertyValue
          switch token {
          case .word(let w): value = LibertyValue(w, isQuoted: false)
          case .string(let s): value = LibertyValue(s, isQuoted: true)
          default: throw error("expected a value after '\(name) :', found \(Self.describe(token))")
          }
          try advance()
          // Simple expressions (`a + b`) occasionally appear; keep their words together.
          var text = value.text
          while case .word(let more) = token, !newlineBefore {
            text += " " + more
            try advance()
          }
          if case .punctuation(UInt8(ascii: ";")) = token {
            try advance()
          } else if !newlineBefore, !isPunctuation("}") {
            throw error("expected ';' after the value of '\(name)', found \(Self.describe(token))")
          }
          group.attributes.append(LibertyAttribute(
            name: name, values: [LibertyValue(text, isQuoted: value.isQuoted)], isComplex: false, line: start))
        case .punctuation(UInt8(ascii: "(")):
          switch try parseGroupOrComplex(name: name, line: start) {
          case .group(let child): group.groups.append(child)
          case .attribute(let attribute): group.attributes.append(attribute)
          }
        default:
          throw error("expected ':' or '(' after '\(name)' in the '\(group.type)' group, found \(Self.describe(token))")
        }
      default:
        throw error("expected an attribute or a group name in the '\(group.type)' group, found \(Self.describe(token))")
      }
    }
  }

  func isPunctuation(_ c: Character) -> Bool {
    if case .punctuation(let b) = token { return b == c.asciiValue }
    return false
  }
}
