import Kernel

/// Tables built from rows.
enum TableLibrary {
  static let category = "Tables"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(category: category, "Tables display as tables in the report (with a numbered caption) and keep their raw numbers for the report's JSON.")
    registry.document(type: TableObject.typeName, category: category, doc: "A table of rows with formatted cells.", members: TableObject.memberDocs)
    registry.register(
      "table", category: category,
      doc: "A table from a list of records or a record of columns; `formats` gives per-column specs such as `{accuracy: \".2%\"}`.",
      parameters: [
        Parameter("data", .rows), Parameter("caption", .string, default: .none),
        Parameter("formats", .record, default: .record(Record())), Parameter("columns", .listOf(.string), default: .none),
      ],
      returns: .object(TableObject.typeName)
    ) { args, _ in
      let rows = try Rows(args["data"], function: "table", argument: "data")
      var columns = rows.columns
      if args.isGiven("columns") {
        columns = try args.strings("columns")
        for column in columns { try rows.require(column, function: "table", argument: "columns") }
      }
      var formats: [String: FormatSpec] = [:]
      for field in try args.record("formats").fields {
        guard columns.contains(field.key) else {
          throw LabError("table(): formats names no column '\(field.key)'\(Suggestion.hint(for: field.key, among: columns))")
        }
        guard case .string(let text) = field.value else {
          throw LabError("table(): the format of '\(field.key)' must be a string such as \".2f\", got \(field.value.typeName)")
        }
        do {
          formats[field.key] = try FormatSpec(text)
        } catch let error as FormatSpecError {
          throw LabError("table(): column '\(field.key)': \(error.description)")
        }
      }
      do {
        return .object(try TableObject(columns: columns, records: rows.records, caption: try args.optionalString("caption"), formats: formats))
      } catch let error as FormatSpecError {
        throw LabError("table(): \(error.description)")
      }
    }
  }
}
