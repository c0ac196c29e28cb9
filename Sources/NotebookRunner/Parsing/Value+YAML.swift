import Kernel
import Yams

extension Value {
  /// Converts a YAML node to a language value: null, bool, number, string, list, record.
  ///
  /// Scalars follow YAML's own typing (`3` is a number, `"3"` a string, `yes` a bool), so
  /// front matter and `-P name=value` read the same way. Dates stay text.
  static func fromYAML(_ node: Node) throws(YAMLValueError) -> Value {
    switch node {
    case .scalar(let scalar):
      switch node.tagName {
      case .null: return .none
      case .bool: return node.bool.map(Value.bool) ?? .string(scalar.string)
      case .int, .float: return node.float.map(Value.number) ?? .string(scalar.string)
      default: return .string(scalar.string)
      }
    case .sequence(let sequence):
      var items: [Value] = []
      for item in sequence { items.append(try fromYAML(item)) }
      return .list(items)
    case .mapping(let mapping):
      var fields: [(key: String, value: Value)] = []
      for (key, value) in mapping {
        guard case .scalar(let keyScalar) = key else {
          throw YAMLValueError(message: "keys must be plain names", mark: key.mark)
        }
        fields.append((keyScalar.string, try fromYAML(value)))
      }
      return .record(Record(fields))
    case .alias:
      throw YAMLValueError(message: "YAML aliases are not supported here", mark: node.mark)
    }
  }
}

/// Why a YAML node has no language value, and where.
struct YAMLValueError: Error {
  /// What is wrong.
  var message: String
  /// Where, in the YAML text.
  var mark: Mark?
}

extension Node {
  /// The resolved tag's name (`Tag.name` itself is internal to Yams).
  var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
