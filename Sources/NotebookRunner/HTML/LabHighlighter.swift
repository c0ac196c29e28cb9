/// Highlights `lab` code for reports: keywords, strings (with their `{…}` interpolations),
/// numbers, comments, calls and argument names become `<span>`s; everything is escaped.
///
/// A tokenizer of its own rather than the kernel's lexer: it must never fail, also on code that
/// does not parse, and only needs to know what a token looks like.
enum LabHighlighter {
  /// Words of the language shown as keywords.
  static let keywords: Set<String> = [
    "for", "in", "if", "else", "fn", "return", "and", "or", "not", "break", "continue",
  ]
  /// Literal words shown like numbers.
  static let constants: Set<String> = ["true", "false", "none"]

  /// The HTML of `code`.
  static func highlight(_ code: String) -> String {
    let characters = Array(code)
    var out = ""
    var index = 0
    var previousWord = ""

    func span(_ kind: String, _ range: Range<Int>) {
      out += "<span class=\"\(kind)\">" + HTMLText.escape(String(characters[range])) + "</span>"
    }
    func nextNonBlank(after end: Int) -> Character? {
      var position = end
      while position < characters.count, characters[position] == " " || characters[position] == "\t" {
        position += 1
      }
      return position < characters.count ? characters[position] : nil
    }

    while index < characters.count {
      let character = characters[index]
      if character == "#" {
        var end = index
        while end < characters.count, characters[end] != "\n" { end += 1 }
        let isOption = index + 1 < characters.count && characters[index + 1] == "|"
        span(isOption ? "opt" : "com", index..<end)
        index = end
      } else if character == "\"" || character == "'" {
        index = string(characters, from: index, into: &out)
      } else if character.isNumber {
        var end = index
        while end < characters.count, characters[end].isNumber || characters[end] == "_" { end += 1 }
        if end + 1 < characters.count, characters[end] == ".", characters[end + 1].isNumber {
          end += 1
          while end < characters.count, characters[end].isNumber || characters[end] == "_" { end += 1 }
        }
        if end < characters.count, characters[end] == "e" || characters[end] == "E" {
          var exponent = end + 1
          if exponent < characters.count, characters[exponent] == "-" || characters[exponent] == "+" { exponent += 1 }
          if exponent < characters.count, characters[exponent].isNumber {
            end = exponent
            while end < characters.count, characters[end].isNumber { end += 1 }
          }
        }
        if end < characters.count, characters[end] == "%" { end += 1 }
        span("num", index..<end)
        index = end
      } else if character.isLetter || character == "_" {
        var end = index
        while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" {
          end += 1
        }
        let word = String(characters[index..<end])
        let next = nextNonBlank(after: end)
        if keywords.contains(word) {
          span("kw", index..<end)
        } else if constants.contains(word) {
          span("num", index..<end)
        } else if previousWord == "fn" {
          span("def", index..<end)
        } else if next == "(" {
          span("fn", index..<end)
        } else if next == ":" {
          span("key", index..<end)
        } else {
          out += HTMLText.escape(word)
        }
        previousWord = word
        index = end
        continue
      } else {
        out += HTMLText.escape(String(character))
        index += 1
      }
      if !character.isWhitespace { previousWord = "" }
    }
    return out
  }

  /// Emits the string starting at `start` (its interpolations marked) and returns the index after it.
  private static func string(_ characters: [Character], from start: Int, into out: inout String) -> Int {
    let quote = characters[start]
    var segmentStart = start
    var index = start + 1
    func flush(_ end: Int, _ kind: String) {
      guard end > segmentStart else { return }
      out += "<span class=\"\(kind)\">" + HTMLText.escape(String(characters[segmentStart..<end])) + "</span>"
      segmentStart = end
    }
    while index < characters.count, characters[index] != "\n" {
      let character = characters[index]
      if character == "\\" {
        index += 2
        continue
      }
      if character == quote {
        index += 1
        break
      }
      if character == "{" {
        if index + 1 < characters.count, characters[index + 1] == "{" {
          index += 2
          continue
        }
        flush(index, "str")
        var depth = 0
        while index < characters.count, characters[index] != "\n" {
          if characters[index] == "{" { depth += 1 }
          if characters[index] == "}" {
            depth -= 1
            if depth == 0 {
              index += 1
              break
            }
          }
          index += 1
        }
        flush(index, "sub")
        continue
      }
      index += 1
    }
    index = min(index, characters.count)
    flush(index, "str")
    return index
  }
}
