import Kernel

/// Tabular data in the forms builtins accept: a list of records, a record of equal-length
/// columns, or an object that answers rows (a table, a training history).
struct Rows {
  var columns: [String]
  var records: [Record]

  /// Reads `value` as rows; `function` and `argument` name the caller in errors.
  init(_ value: Value, function: String, argument: String) throws {
    switch value {
    case .list(let items):
      var columns: [String] = []
      var seen: Set<String> = []
      records = try items.enumerated().map { index, item in
        guard case .record(let record) = item else {
          throw LabError("\(function)(): argument '\(argument)' must be a list of records; element \(index) is a \(item.typeName)")
        }
        for key in record.keys where !seen.contains(key) {
          seen.insert(key)
          columns.append(key)
        }
        return record
      }
      self.columns = columns
    case .record(let record):
      var length: (name: String, count: Int)?
      var lists: [[Value]] = []
      for field in record.fields {
        guard case .list(let items) = field.value else {
          throw LabError("\(function)(): column '\(field.key)' must be a list of values, got \(field.value.typeName)")
        }
        if let length, length.count != items.count {
          throw LabError("\(function)(): column '\(field.key)' has \(items.count) values but '\(length.name)' has \(length.count)")
        }
        length = length ?? (field.key, items.count)
        lists.append(items)
      }
      columns = record.keys
      let keys = record.keys
      records = (0..<(length?.count ?? 0)).map { row in Record(zip(keys, lists).map { (key: $0, value: $1[row]) }) }
    case .object(let object):
      guard let rows = object.rows() else {
        throw LabError("\(function)(): argument '\(argument)' must be rows (a list of records, a record of columns or a table), got \(object.instanceTypeName)")
      }
      self.records = rows
      var columns: [String] = []
      for row in rows { for key in row.keys where !columns.contains(key) { columns.append(key) } }
      self.columns = columns
    default:
      throw LabError("\(function)(): argument '\(argument)' must be rows (a list of records or a record of columns), got \(value.typeName)")
    }
  }

  /// Checks that a field named by the caller exists, suggesting the nearest one.
  func require(_ field: String, function: String, argument: String) throws {
    guard columns.contains(field) else {
      let available = columns.isEmpty ? "" : " (fields: \(columns.joined(separator: ", ")))"
      let hint = Suggestion.hint(for: field, among: columns)
      throw LabError("\(function)(): \(argument) names no field '\(field)'\(hint.isEmpty ? available : hint)")
    }
  }

  /// The numbers of a field, row by row (`none` where a row lacks it).
  func numbers(_ field: String, function: String) throws -> [Double?] {
    try records.enumerated().map { index, record in
      switch record[field] {
      case .number(let x)?: return x
      case .none?, nil: return nil
      case let value?:
        throw LabError("\(function)(): field '\(field)' must hold numbers; row \(index) has a \(value.typeName)")
      }
    }
  }
}
