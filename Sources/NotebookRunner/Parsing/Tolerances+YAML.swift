import Yams

extension Tolerances {
  /// Why a `tolerance` value was refused.
  struct ParseError: Error {
    let message: String
  }

  /// Reads `0.01` (every number) or `{accuracy: 0.01, "*": 1e-6}` (by column or series name).
  static func parse(_ node: Node?) throws(ParseError) -> Tolerances {
    func number(_ node: Node) -> Double? {
      guard node.tagName == .int || node.tagName == .float, let value = node.float, value >= 0, value.isFinite else {
        return nil
      }
      return value
    }
    let expected = "expects a number ≥ 0 or a mapping such as {accuracy: 0.01, \"*\": 1e-6}"
    guard let node else { throw ParseError(message: expected) }
    if let value = number(node) { return Tolerances(["*": value]) }
    guard case .mapping(let mapping) = node, !mapping.isEmpty else { throw ParseError(message: expected) }
    var rules: [String: Double] = [:]
    for (key, value) in mapping {
      guard let name = key.string, !name.isEmpty else { throw ParseError(message: "names columns or series by text") }
      guard let tolerance = number(value) else {
        throw ParseError(message: "gives '\(name)' a tolerance that is not a number ≥ 0")
      }
      rules[name] = tolerance
    }
    return Tolerances(rules)
  }
}
