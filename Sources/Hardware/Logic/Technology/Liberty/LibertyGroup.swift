import Foundation

/// One value of a Liberty attribute: a quoted string or a bare word (a name or a number).
public struct LibertyValue: Hashable, Sendable {
  /// The text, without quotes.
  public var text: String
  /// Whether it was quoted.
  public var isQuoted: Bool

  /// Creates a value.
  public init(_ text: String, isQuoted: Bool) {
    self.text = text
    self.isQuoted = isQuoted
  }

  /// The value as a number, if it reads as one.
  public var number: Double? { Double(text.trimmingCharacters(in: .whitespaces)) }

  /// The comma-separated numbers of a quoted list (`"0.1, 0.2"`), nil if any is not a number.
  public var numbers: [Double]? {
    var result: [Double] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: true) {
      let trimmed = part.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      guard let x = Double(trimmed) else { return nil }
      result.append(x)
    }
    return result
  }
}

/// A Liberty attribute: simple (`name : value ;`) or complex (`name (v1, v2, ...) ;`).
public struct LibertyAttribute: Hashable, Sendable {
  /// The attribute's name.
  public var name: String
  /// Its values: one for a simple attribute, the list for a complex one.
  public var values: [LibertyValue]
  /// Whether it was written in the complex form.
  public var isComplex: Bool
  /// The 1-based line it starts on.
  public var line: Int

  /// Creates an attribute.
  public init(name: String, values: [LibertyValue], isComplex: Bool, line: Int) {
    self.name = name
    self.values = values
    self.isComplex = isComplex
    self.line = line
  }
}

/// A Liberty group, `type (arguments) { attributes and groups }`, as read from the file.
public struct LibertyGroup: Sendable {
  /// The group's type (`library`, `cell`, `pin`, `timing`, `cell_rise`, ...).
  public var type: String
  /// The names in parentheses after the type (`cell (NAND2X1)` has `["NAND2X1"]`).
  public var arguments: [String]
  /// The attributes, in file order.
  public var attributes: [LibertyAttribute]
  /// The nested groups, in file order.
  public var groups: [LibertyGroup]
  /// The 1-based line the group starts on.
  public var line: Int

  /// Creates a group.
  public init(type: String, arguments: [String], attributes: [LibertyAttribute] = [], groups: [LibertyGroup] = [],
              line: Int) {
    self.type = type
    self.arguments = arguments
    self.attributes = attributes
    self.groups = groups
    self.line = line
  }

  /// The first argument, or "" (most groups have one name).
  public var name: String { arguments.first ?? "" }

  /// The last attribute called `name` (Liberty lets a later one override an earlier one).
  public func attribute(_ name: String) -> LibertyAttribute? { attributes.last { $0.name == name } }

  /// The text of the simple attribute `name`, if present.
  public func string(_ name: String) -> String? { attribute(name)?.values.first?.text }

  /// The nested groups of one type.
  public func groups(_ type: String) -> [LibertyGroup] { groups.filter { $0.type == type } }
}
