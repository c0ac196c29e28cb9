import Kernel

/// The points of a parameter sweep: `--sweep seed=1,2,3 --sweep width=0.25,0.5` is the grid of
/// every combination, the first parameter varying slowest.
public struct SweepGrid: Sendable {
  /// One swept parameter and its values, as written (each read as YAML, like `-P`).
  public struct Axis: Sendable, Equatable {
    public var name: String
    public var values: [String]
  }

  /// One combination: a value for every swept parameter.
  public struct Point: Sendable, Equatable {
    /// `(name, value as written)`, in the order of the axes.
    public var assignments: [(name: String, value: String)]

    /// `seed=1, width=0.25`.
    public var label: String { assignments.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") }

    /// `seed-1_width-0.25`: a folder name made of letters, digits, `.`, `-` and `_` only.
    public var folderName: String {
      assignments.map { name, value in
        let safe = (name + "-" + value).map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "_" }
        return String(safe)
      }.joined(separator: "_")
    }

    /// The `-P` overrides that select this point.
    public func overrides() throws(SweepError) -> [ParameterOverride] {
      var result: [ParameterOverride] = []
      for (name, value) in assignments {
        do {
          result.append(try ParameterOverride(parsing: "\(name)=\(value)"))
        } catch {
          // The override's message names the argument `-P name=value`; here it came from --sweep.
          throw SweepError("--sweep " + error.message.dropFirst(3))
        }
      }
      return result
    }

    public static func == (a: Point, b: Point) -> Bool {
      a.assignments.map { "\($0.name)=\($0.value)" } == b.assignments.map { "\($0.name)=\($0.value)" }
    }
  }

  /// The swept parameters, in the order given.
  public var axes: [Axis]

  /// Reads `name=v1,v2,...` arguments; commas inside brackets, braces or quotes do not split.
  public init(parsing arguments: [String]) throws(SweepError) {
    axes = []
    for argument in arguments {
      guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
        throw SweepError("--sweep expects name=value1,value2,..., got '\(argument)'")
      }
      let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
      let values = Self.split(String(argument[argument.index(after: equals)...]))
      guard !values.isEmpty, !values.contains(where: \.isEmpty) else {
        throw SweepError("--sweep \(name): give one or more values separated by commas, got '\(argument)'")
      }
      guard !axes.contains(where: { $0.name == name }) else { throw SweepError("--sweep \(name) is given twice") }
      axes.append(Axis(name: name, values: values))
    }
    let count = axes.reduce(1.0) { $0 * Double($1.values.count) }
    guard count <= Double(Self.maximumPoints) else {
      throw SweepError("--sweep makes \(Int(min(count, 1e18))) points; a sweep runs at most \(Self.maximumPoints)")
    }
  }

  /// The most points one sweep runs.
  public static let maximumPoints = 1000

  /// Every combination, the first axis varying slowest.
  public var points: [Point] {
    var points: [Point] = [Point(assignments: [])]
    for axis in axes {
      points = points.flatMap { point in
        axis.values.map { value in Point(assignments: point.assignments + [(axis.name, value)]) }
      }
    }
    return points
  }

  /// Splits `1,2,[3, 4],"a,b"` at the commas that are not nested or quoted; values trimmed.
  static func split(_ text: String) -> [String] {
    var values: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    for character in text {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if "[{(".contains(character) {
        depth += 1
      } else if "]})".contains(character) {
        depth = max(0, depth - 1)
      } else if character == ",", depth == 0 {
        values.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
        continue
      }
      current.append(character)
    }
    values.append(current.trimmingCharacters(in: .whitespaces))
    return values
  }
}

/// A sweep that cannot start: a malformed `--sweep`, too many points.
public struct SweepError: Error, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// Creates an error.
  public init(_ message: String) { self.message = message }
  /// `error: message`.
  public var description: String { "error: \(message)" }
}

extension SweepError: CustomDebugStringConvertible {
  public var debugDescription: String { description }
}
