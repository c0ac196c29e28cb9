import Kernel
import Yams

/// Reads the `#| key: value` lines at the top of a `lab` cell into ``CellOptions``.
enum CellOptionParser {
  /// Whether a code line is a cell option line (`#|`, possibly indented).
  static func isOptionLine<S: StringProtocol>(_ line: S) -> Bool {
    line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#|")
  }

  /// Parses the option lines of `source`, whose first line is notebook line `line` starting at `column`.
  static func parse(_ source: String, line: Int, column: Int, file: String) throws(NotebookError) -> CellOptions {
    var options = CellOptions()
    var seen: Set<String> = []
    for (offset, text) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard isOptionLine(text) else { break }
      let lineNumber = line + offset
      func fail(_ message: String, at index: Substring.Index) -> NotebookError {
        NotebookError(message, file: file, line: lineNumber, column: column + text.distance(from: text.startIndex, to: index))
      }

      let marker = text.range(of: "#|")!.upperBound  // isOptionLine guarantees the marker
      let body = text[marker...]
      guard let keyStart = body.firstIndex(where: { !$0.isWhitespace }) else { continue }  // a bare `#|`
      guard let colon = body.firstIndex(of: ":") else {
        throw fail("a cell option is written 'name: value'", at: keyStart)
      }
      let key = String(body[keyStart..<colon]).trimmingCharacters(in: .whitespaces)
      guard CellOptions.names.contains(key) else {
        throw fail("unknown cell option '\(key)'\(Suggestion.hint(for: key, among: CellOptions.names))", at: keyStart)
      }
      guard !seen.contains(key) else { throw fail("cell option '\(key)' is given twice", at: keyStart) }
      seen.insert(key)

      let afterColon = body.index(after: colon)
      let valueStart = body[afterColon...].firstIndex(where: { !$0.isWhitespace }) ?? body.endIndex
      let raw = String(body[valueStart...]).trimmingCharacters(in: .whitespaces)
      guard !raw.isEmpty else { throw fail("cell option '\(key)' has no value", at: afterColon) }
      let value = OptionValue(raw)

      switch key {
      case "label":
        guard let label = value.text, CrossReferenceSyntax.isLabel(label) else {
          throw fail(
            "cell option 'label' must be 'tbl-NAME' (a table) or 'fig-NAME' (a figure), NAME of letters, digits, '-' and '_'; got '\(raw)'",
            at: valueStart)
        }
        options.label = label
      case "caption":
        guard let caption = value.text else { throw fail("cell option 'caption' expects text, got '\(raw)'", at: valueStart) }
        options.caption = caption
      case "echo", "output", "error", "cache":
        guard let flag = value.bool else {
          throw fail("cell option '\(key)' expects true or false, got '\(raw)'", at: valueStart)
        }
        switch key {
        case "echo": options.echo = flag
        case "output": options.output = flag
        case "error": options.error = flag
        default: options.cache = flag
        }
      case "timeout":
        guard let seconds = value.number, seconds > 0, seconds.isFinite else {
          throw fail("cell option 'timeout' expects a positive number of seconds, got '\(raw)'", at: valueStart)
        }
        options.timeout = seconds
      case "tolerance":
        do {
          options.tolerance = try Tolerances.parse(value.node)
        } catch {
          throw fail("cell option 'tolerance' \(error.message), got '\(raw)'", at: valueStart)
        }
      default:
        preconditionFailure("option '\(key)' is listed in CellOptions.names but not parsed")
      }
    }
    return options
  }
}

/// The value of one option, read leniently for text and strictly (YAML) for flags and numbers.
private struct OptionValue {
  /// The value as written, trimmed.
  var raw: String
  /// The YAML node, when the value is valid YAML on its own.
  var node: Node?

  init(_ raw: String) {
    self.raw = raw
    node = try? Yams.compose(yaml: raw)
  }

  /// Text: a quoted YAML string unquoted, anything else as written (captions often hold ': ').
  var text: String? {
    if raw.hasPrefix("\"") || raw.hasPrefix("'") {
      guard case .scalar(let scalar)? = node else { return nil }
      return scalar.string
    }
    return raw
  }

  /// A YAML boolean (`true`, `false`, `yes`, `no`).
  var bool: Bool? {
    guard let node, node.tagName == .bool else { return nil }
    return node.bool
  }

  /// A YAML number.
  var number: Double? {
    guard let node, node.tagName == .int || node.tagName == .float else { return nil }
    return node.float
  }
}
