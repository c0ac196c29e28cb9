import Kernel
import Yams

/// Reads the YAML front matter of a notebook into ``FrontMatter``, reporting problems at their notebook line.
enum FrontMatterParser {
  /// The keys front matter may hold.
  static let keys = ["title", "author", "date", "description", "params", "profiles", "tolerance", "cache"]

  /// Parses `yaml`, whose first line is notebook line `firstLine`.
  static func parse(_ yaml: String, firstLine: Int, file: String) throws(NotebookError) -> FrontMatter {
    func fail(_ message: String, _ mark: Mark?) -> NotebookError {
      NotebookError(
        "front matter: \(message)", file: file,
        line: (mark?.line ?? 1) + firstLine - 1, column: mark?.column ?? 1)
    }

    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let yamlError as YamlError {
      throw describe(yamlError, firstLine: firstLine, file: file)
    } catch {
      throw NotebookError("front matter: \(error)", file: file, line: firstLine)
    }
    guard let root else { return FrontMatter() }
    guard case .mapping(let mapping) = root else {
      throw fail("expected 'key: value' lines (title, params, ...)", root.mark)
    }

    var frontMatter = FrontMatter()
    for (keyNode, valueNode) in mapping {
      let key = keyNode.string ?? ""
      switch key {
      case "title": frontMatter.title = try text(valueNode, key: key, fail: fail)
      case "author": frontMatter.author = try text(valueNode, key: key, fail: fail)
      case "date": frontMatter.date = try text(valueNode, key: key, fail: fail)
      case "description": frontMatter.description = try text(valueNode, key: key, fail: fail)
      case "params":
        frontMatter.params = try parameters(valueNode, what: "'params'", fail: fail)
      case "profiles":
        frontMatter.profiles = try profiles(valueNode, defaults: frontMatter.params, fail: fail)
      case "tolerance":
        do {
          frontMatter.tolerance = try Tolerances.parse(valueNode)
        } catch {
          throw fail("'tolerance' \(error.message)", valueNode.mark)
        }
      case "cache":
        switch try text(valueNode, key: key, fail: fail) {
        case "true": frontMatter.cache = true
        case "false", nil: frontMatter.cache = false
        default: throw fail("'cache' must be true or false", valueNode.mark)
        }
      default:
        throw fail("unknown key '\(key)'\(Suggestion.hint(for: key, among: keys))", keyNode.mark)
      }
    }
    // `profiles:` may come before `params:`; check the names once both are known.
    for (name, params) in frontMatter.profiles {
      for field in params.fields where frontMatter.params[field.key] == nil {
        let mark = profileKeyMark(in: mapping, profile: name, key: field.key)
        let names = frontMatter.params.fields.map(\.key)
        throw fail(
          "profile '\(name)' sets '\(field.key)', which is not in 'params'\(Suggestion.hint(for: field.key, among: names))",
          mark)
      }
    }
    return frontMatter
  }

  /// A scalar as text (`title: 2024` is the text "2024").
  private static func text(
    _ node: Node, key: String, fail: (String, Mark?) -> NotebookError
  ) throws(NotebookError) -> String? {
    switch node {
    case .scalar(let scalar): return node.tagName == .null ? nil : scalar.string
    default: throw fail("'\(key)' must be text", node.mark)
    }
  }

  /// A mapping of parameter names to values.
  private static func parameters(
    _ node: Node, what: String, fail: (String, Mark?) -> NotebookError
  ) throws(NotebookError) -> Record {
    if case .scalar = node, node.tagName == .null { return Record() }
    guard case .mapping(let mapping) = node else {
      throw fail("\(what) must be a mapping of names to values", node.mark)
    }
    var fields: [(key: String, value: Value)] = []
    for (keyNode, valueNode) in mapping {
      let name = keyNode.string ?? ""
      guard ParameterName.isValid(name) else {
        throw fail("parameter name '\(name)' is not a name (letters, digits, '_')", keyNode.mark)
      }
      do {
        fields.append((name, try Value.fromYAML(valueNode)))
      } catch {
        throw fail(error.message, error.mark ?? valueNode.mark)
      }
    }
    return Record(fields)
  }

  /// `name: {param: value, ...}` entries.
  private static func profiles(
    _ node: Node, defaults: Record, fail: (String, Mark?) -> NotebookError
  ) throws(NotebookError) -> [(name: String, params: Record)] {
    if case .scalar = node, node.tagName == .null { return [] }
    guard case .mapping(let mapping) = node else {
      throw fail("'profiles' must map profile names to parameter sets", node.mark)
    }
    var result: [(name: String, params: Record)] = []
    for (keyNode, valueNode) in mapping {
      let name = keyNode.string ?? ""
      result.append((name, try parameters(valueNode, what: "profile '\(name)'", fail: fail)))
    }
    return result
  }

  /// Where `profiles: {profile: {key: ...}}` writes `key`, for error messages.
  private static func profileKeyMark(in root: Node.Mapping, profile: String, key: String) -> Mark? {
    guard case .mapping(let profiles)? = root["profiles"],
      let entry = profiles.first(where: { $0.key.string == profile }),
      case .mapping(let params) = entry.value
    else { return nil }
    return params.first { $0.key.string == key }?.key.mark
  }

  /// A Yams error as a notebook error at the right line.
  static func describe(_ error: YamlError, firstLine: Int, file: String) -> NotebookError {
    func at(_ mark: Mark, _ message: String) -> NotebookError {
      NotebookError("front matter: \(message)", file: file, line: mark.line + firstLine - 1, column: mark.column)
    }
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return at(mark, problem)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return at(context.mark, "key \(names) is given more than once")
    case .reader(let problem, _, _, _):
      return NotebookError("front matter: \(problem)", file: file, line: firstLine)
    default:
      return NotebookError("front matter: \(error)", file: file, line: firstLine)
    }
  }
}

/// The rule for parameter names: they are read as `params.name` in the language.
enum ParameterName {
  /// Whether `name` is a plain identifier.
  static func isValid(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else {
      return false
    }
    return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
  }
}
