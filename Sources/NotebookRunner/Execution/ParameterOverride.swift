import Kernel
import Yams

/// One `-P name=value` argument: a parameter and its new value, read as YAML.
public struct ParameterOverride: Sendable {
  /// The parameter's name.
  public var name: String
  /// The value: `3` is a number, `true` a bool, `[1, 2]` a list, anything else text.
  public var value: Value
  /// The argument as the user wrote it, for messages.
  public var argument: String

  /// Parses `name=value`.
  ///
  /// - Throws: ``ParameterError`` when there is no `=`, the name is not a name, or the value is malformed YAML.
  public init(parsing argument: String) throws(ParameterError) {
    guard let equals = argument.firstIndex(of: "=") else {
      throw ParameterError("-P \(argument): expected name=value")
    }
    let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
    guard ParameterName.isValid(name) else {
      throw ParameterError("-P \(argument): '\(name)' is not a parameter name (letters, digits, '_')")
    }
    let text = String(argument[argument.index(after: equals)...])
    self.name = name
    self.argument = argument
    if text.trimmingCharacters(in: .whitespaces).isEmpty {
      // `-P note=` means the empty text, not YAML's null.
      value = .string("")
      return
    }
    do {
      guard let node = try Yams.compose(yaml: text) else {
        value = .string(text)
        return
      }
      value = try Value.fromYAML(node)
    } catch let error as YAMLValueError {
      throw ParameterError("-P \(argument): \(error.message)")
    } catch let error as YamlError {
      let problem: String
      switch error {
      case .scanner(_, let text, _, _), .parser(_, let text, _, _), .composer(_, let text, _, _): problem = text
      default: problem = "\(error)"
      }
      throw ParameterError("-P \(argument): the value is not valid YAML (\(problem))")
    } catch {
      throw ParameterError("-P \(argument): \(error)")
    }
  }

  /// Creates an override directly.
  public init(name: String, value: Value) {
    self.name = name
    self.value = value
    argument = name
  }
}

/// A malformed `-P` argument.
public struct ParameterError: Error, Sendable, CustomStringConvertible {
  /// What is wrong, naming the argument.
  public var message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  /// `error: message`.
  public var description: String { "error: \(message)" }
}
