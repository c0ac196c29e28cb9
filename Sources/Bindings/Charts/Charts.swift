import Charts
import Kernel

/// Charts: line, bar, histogram, scatter and heatmap specs, drawn to SVG by the runner.
enum ChartLibrary {
  static let category = "Charts"

  /// Options every chart takes.
  static let common: [Parameter] = [
    Parameter("title", .string, default: .none), Parameter("x_label", .string, default: .none),
    Parameter("y_label", .string, default: .none), Parameter("caption", .string, default: .none),
    Parameter("width", .number, default: .number(640)), Parameter("height", .number, default: .number(360)),
  ]

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Charts take rows (a list of records, a record of columns, a table or a training history) and name the fields to plot. They display as numbered figures; their data goes to the report's JSON.")
    registry.document(type: ChartObject.typeName, category: category, doc: "A chart.", members: ChartObject.memberDocs)
    registerXY(
      into: registry, name: "line_chart", kind: .line,
      doc: "Lines through (x, y) points, one per `y` field; `band: {acc: \"acc_std\"}` shades y ∓ that field around a line.")
    registerXY(into: registry, name: "scatter", kind: .scatter, doc: "Unconnected (x, y) points, one colour per `y` field.")
    registerBar(into: registry)
    registerHistogram(into: registry)
    registerHeatmap(into: registry)
  }

  /// A spec with the common options applied.
  static func baseSpec(_ kind: ChartSpec.Kind, _ args: Arguments) throws -> ChartSpec {
    let width = try args.number("width")
    let height = try args.number("height")
    guard width >= 100, width <= 4000 else { throw args.error("width", "must be between 100 and 4000, got \(NumberFormatting.plain(width))") }
    guard height >= 100, height <= 4000 else { throw args.error("height", "must be between 100 and 4000, got \(NumberFormatting.plain(height))") }
    return ChartSpec(
      kind: kind, title: try args.optionalString("title"), xLabel: try args.optionalString("x_label"),
      yLabel: try args.optionalString("y_label"), width: width, height: height)
  }

  static func finish(_ spec: ChartSpec, _ args: Arguments) throws -> Value {
    .object(ChartObject(spec: spec, caption: try args.optionalString("caption")))
  }

  /// The `y` fields: given, or every numeric field but `x`.
  static func yFields(_ args: Arguments, _ rows: Rows, x: String?, function: String) throws -> [String] {
    var fields = try args.strings("y")
    if fields.isEmpty {
      fields = rows.columns.filter { column in
        column != x && rows.records.contains { if case .number? = $0[column] { return true } else { return false } }
      }
      guard !fields.isEmpty else { throw LabError("\(function)(): no numeric fields to plot; name them with y:") }
    }
    for field in fields { try rows.require(field, function: function, argument: "y") }
    return fields
  }

  static func checkLog(_ values: [Double], axis: String, series: String, function: String) throws {
    if let bad = values.first(where: { !($0 > 0) }) {
      throw LabError("\(function)(): log_\(axis) needs positive values; '\(series)' has \(NumberFormatting.plain(bad))")
    }
  }

  static func registerXY(into registry: BuiltinRegistry, name: String, kind: ChartSpec.Kind, doc: String) {
    registry.register(
      name, category: category, doc: doc,
      parameters: [
        Parameter("data", .rows), Parameter("x", .string), Parameter("y", .oneOf([.string, .listOf(.string)]), default: .none),
        Parameter("log_x", .bool, default: .bool(false)), Parameter("log_y", .bool, default: .bool(false)),
      ] + (kind == .line ? [Parameter("band", .record, default: .none)] : []) + common,
      returns: .object(ChartObject.typeName)
    ) { args, _ in
      let rows = try Rows(args["data"], function: name, argument: "data")
      var bands: [String: String] = [:]
      if kind == .line, args.isGiven("band") {
        for field in try args.record("band").fields {
          guard case .string(let column) = field.value else {
            throw args.error("band", "maps a y field to the field of its half-width, e.g. {acc: \"acc_std\"}; '\(field.key)' is not given a field name")
          }
          try rows.require(column, function: name, argument: "band")
          bands[field.key] = column
        }
      }
      let x = try args.string("x")
      try rows.require(x, function: name, argument: "x")
      let xs = try rows.numbers(x, function: name)
      var spec = try baseSpec(kind, args)
      spec.xLabel = spec.xLabel ?? x
      let logX = try args.bool("log_x")
      let logY = try args.bool("log_y")
      spec.xScale = logX ? .log : .linear
      spec.yScale = logY ? .log : .linear
      let fields = try yFields(args, rows, x: x, function: name)
      if fields.count == 1 { spec.yLabel = spec.yLabel ?? fields[0] }
      if let stray = bands.keys.sorted().first(where: { !fields.contains($0) }) {
        throw args.error("band", "names '\(stray)', which is not a y field of the chart (\(fields.joined(separator: ", ")))")
      }
      for field in fields {
        let ys = try rows.numbers(field, function: name)
        let widths = try bands[field].map { try rows.numbers($0, function: name) }
        var series = ChartSpec.Series(name: field, y: [], lower: widths.map { _ in [] }, upper: widths.map { _ in [] })
        for (index, (px, py)) in zip(xs, ys).enumerated() {
          guard let px, let py else { continue }
          series.x.append(px)
          series.y.append(py)
          if let widths {
            let width = widths[index] ?? .nan
            series.lower?.append(py - width)
            series.upper?.append(py + width)
          }
        }
        if logX { try checkLog(series.x, axis: "x", series: x, function: name) }
        if logY { try checkLog(series.y, axis: "y", series: field, function: name) }
        spec.series.append(series)
      }
      return try finish(spec, args)
    }
  }

  static func registerBar(into registry: BuiltinRegistry) {
    registry.register(
      "bar_chart", category: category, doc: "Grouped bars: one group per value of the `x` field, one bar per `y` field.",
      parameters: [
        Parameter("data", .rows), Parameter("x", .string), Parameter("y", .oneOf([.string, .listOf(.string)]), default: .none),
        Parameter("log_y", .bool, default: .bool(false)),
      ] + common,
      returns: .object(ChartObject.typeName)
    ) { args, _ in
      let rows = try Rows(args["data"], function: "bar_chart", argument: "data")
      let x = try args.string("x")
      try rows.require(x, function: "bar_chart", argument: "x")
      var spec = try baseSpec(.bar, args)
      spec.xLabel = spec.xLabel ?? x
      spec.categories = rows.records.map { ($0[x] ?? .none).text }
      let logY = try args.bool("log_y")
      spec.yScale = logY ? .log : .linear
      let fields = try yFields(args, rows, x: x, function: "bar_chart")
      if fields.count == 1 { spec.yLabel = spec.yLabel ?? fields[0] }
      for field in fields {
        let values = try rows.numbers(field, function: "bar_chart").enumerated().map { index, value in
          guard let value else { throw LabError("bar_chart(): field '\(field)' has no value in row \(index)") }
          return value
        }
        if logY { try checkLog(values, axis: "y", series: field, function: "bar_chart") }
        spec.series.append(ChartSpec.Series(name: field, y: values))
      }
      return try finish(spec, args)
    }
  }

  static func registerHistogram(into registry: BuiltinRegistry) {
    registry.register(
      "histogram", category: category,
      doc: "Binned counts of a list of numbers, or of each list of a record (`{before: xs, after: ys}`), overlaid.",
      parameters: [
        Parameter("data", .oneOf([.listOf(.number), .record])), Parameter("bins", .int, default: .none),
        Parameter("name", .string, default: .string("values")), Parameter("log_y", .bool, default: .bool(false)),
      ] + common,
      returns: .object(ChartObject.typeName)
    ) { args, _ in
      var spec = try baseSpec(.histogram, args)
      spec.yLabel = spec.yLabel ?? "count"
      spec.yScale = try args.bool("log_y") ? .log : .linear
      if let bins = try args.optionalInt("bins") {
        guard bins >= 1, bins <= 1000 else { throw args.error("bins", "must be between 1 and 1000, got \(bins)") }
        spec.bins = bins
      }
      switch args["data"] {
      case .record(let record):
        for field in record.fields {
          guard case .list(let items) = field.value else {
            throw LabError("histogram(): '\(field.key)' must be a list of numbers, got \(field.value.typeName)")
          }
          spec.series.append(ChartSpec.Series(name: field.key, y: try numbers(items, what: "'\(field.key)'")))
        }
      default:
        spec.series.append(ChartSpec.Series(name: try args.string("name"), y: try args.numbers("data")))
      }
      return try finish(spec, args)
    }
  }

  static func numbers(_ items: [Value], what: String) throws -> [Double] {
    try items.enumerated().map { index, item in
      guard case .number(let x) = item else { throw LabError("histogram(): \(what) must hold numbers; element \(index) is a \(item.typeName)") }
      return x
    }
  }

  static func registerHeatmap(into registry: BuiltinRegistry) {
    registry.register(
      "heatmap", category: category,
      doc: "A grid of values coloured on a scale: a list of rows, or a flat list cut into rows of `columns`.",
      parameters: [
        Parameter("matrix", .list), Parameter("columns", .int, default: .none),
        Parameter("row_labels", .listOf(.string), default: .none), Parameter("column_labels", .listOf(.string), default: .none),
      ] + common,
      returns: .object(ChartObject.typeName)
    ) { args, _ in
      let items = try args.list("matrix")
      var grid: [[Double]]
      if let columns = try args.optionalInt("columns") {
        let flat = try args.numbers("matrix")
        guard columns > 0, !flat.isEmpty, flat.count % columns == 0 else {
          throw args.error("columns", "must divide the \(flat.count) values into whole rows, got \(columns)")
        }
        grid = stride(from: 0, to: flat.count, by: columns).map { Array(flat[$0..<($0 + columns)]) }
      } else {
        grid = try items.enumerated().map { index, row in
          guard case .list(let cells) = row else {
            throw LabError("heatmap(): matrix must be a list of rows (or give columns: for a flat list); row \(index) is a \(row.typeName)")
          }
          return try cells.map { cell in
            guard case .number(let x) = cell else { throw LabError("heatmap(): row \(index) holds a \(cell.typeName); values must be numbers") }
            return x
          }
        }
        guard let width = grid.first?.count, width > 0 else { throw LabError("heatmap(): the matrix is empty") }
        if let bad = grid.firstIndex(where: { $0.count != width }) {
          throw LabError("heatmap(): row \(bad) has \(grid[bad].count) values but row 0 has \(width)")
        }
      }
      let rowLabels = try args.strings("row_labels")
      let columnLabels = try args.strings("column_labels")
      if !rowLabels.isEmpty && rowLabels.count != grid.count {
        throw args.error("row_labels", "has \(rowLabels.count) labels for \(grid.count) rows")
      }
      if !columnLabels.isEmpty && columnLabels.count != grid[0].count {
        throw args.error("column_labels", "has \(columnLabels.count) labels for \(grid[0].count) columns")
      }
      var spec = try baseSpec(.heatmap, args)
      spec.grid = ChartSpec.Grid(values: grid, rowLabels: rowLabels, columnLabels: columnLabels)
      return try finish(spec, args)
    }
  }
}
