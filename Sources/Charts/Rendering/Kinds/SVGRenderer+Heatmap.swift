import Foundation

extension SVGRenderer {
  /// Grids larger than this get no per-cell tooltips, which would bloat the report.
  static let maxTooltipCells = 1024

  /// A heatmap: square cells coloured with viridis, a colour bar, row and column labels.
  static func drawHeatmap(_ spec: ChartSpec, on canvas: inout Canvas) -> [String] {
    let font = Style.fontSize
    let facts = GridFacts(spec.grid)
    let values = spec.grid?.values ?? []
    let format = spec.valueFormat ?? .automatic
    var notes: [String] = []
    if facts.missing > 0 && facts.range != nil {
      notes.append("\(facts.missing) \(facts.missing == 1 ? "cell has" : "cells have") no finite value (grey)")
    }
    let top = drawHeader(title: spec.title, notes: notes, on: &canvas)
    let rows = max(facts.rows, 1)
    let columns = max(facts.columns, 1)
    let rowNames = labels(spec.grid?.rowLabels ?? [], count: facts.rows)
    let columnNames = labels(spec.grid?.columnLabels ?? [], count: facts.columns)

    let scale = Axis.covering(
      facts.range.map { [$0.lowerBound, $0.upperBound] } ?? [], scale: .linear, format: format,
      tickCount: 5, name: "value")
    let scaleLabelWidth = scale.labels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
    let barWidth = 14.0
    let right = 18 + barWidth + Style.tick + 4 + scaleLabelWidth + Style.edge
    let yTitle = spec.yLabel.flatMap { $0.isEmpty ? nil : $0 }
    let xTitle = spec.xLabel.flatMap { $0.isEmpty ? nil : $0 }
    let shownRowNames = rowNames.map { TextMetrics.truncate($0, maxWidth: 120, fontSize: font) }
    let rowLabelWidth = shownRowNames.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
    let left = Style.edge + (yTitle == nil ? 0 : font + 8) + rowLabelWidth + 6
    let availableWidth = canvas.width - left - right
    let xTitleHeight = xTitle == nil ? 0.0 : font + 8

    // Column labels decide the bottom margin, which decides the cell size: estimate the
    // cell size from the width first, then settle the labels' orientation.
    var cell = max(min(availableWidth / Double(columns), (canvas.height - top - 40 - xTitleHeight) / Double(rows)), 1)
    var shownColumnNames = columnNames.map { TextMetrics.truncate($0, maxWidth: 120, fontSize: font) }
    let widestColumn = shownColumnNames.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
    var rotate = false
    var columnStride = max(1, Int(((widestColumn + 6) / cell).rounded(.up)))
    var bottom = 6 + font + 2 + xTitleHeight + Style.edge
    if !(spec.grid?.columnLabels.isEmpty ?? true) && widestColumn + 6 > cell {
      // Named columns are rotated rather than thinned: every name matters.
      rotate = true
      shownColumnNames = columnNames.map { TextMetrics.truncate($0, maxWidth: min(100, canvas.height * 0.22), fontSize: font) }
      let widest = shownColumnNames.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
      bottom = 8 + widest * 0.71 + font * 0.71 + xTitleHeight + Style.edge
      cell = max(min(availableWidth / Double(columns), (canvas.height - top - bottom) / Double(rows)), 1)
      columnStride = max(1, Int((font * 1.6 / cell).rounded(.up)))
    }
    let rowStride = max(1, Int((font * 1.2 / cell).rounded(.up)))
    let grid = Rect(x: left, y: top, width: cell * Double(columns), height: cell * Double(rows))

    guard facts.range != nil else {
      canvas.svg.leaf("rect", ["x": px(grid.x), "y": px(grid.y), "width": px(grid.width), "height": px(grid.height), "fill": "none", "stroke": Palette.grid])
      drawNoData(in: grid, on: &canvas)
      return notes
    }
    // Cells.
    let separate = cell >= 10
    let writeValues = facts.rows * facts.columns <= 400
    let tooltips = facts.rows * facts.columns <= maxTooltipCells
    canvas.svg.open("g", separate ? ["stroke": "#ffffff", "stroke-width": "1"] : [:])
    for row in 0..<facts.rows {
      for column in 0..<facts.columns {
        let value = column < values[row].count ? values[row][column] : .nan
        let t = scale.fraction(value)
        let fill = value.isFinite ? Viridis.color(t) : Palette.missing
        let attributes: KeyValuePairs<String, String> = [
          "x": px(grid.x + Double(column) * cell), "y": px(grid.y + Double(row) * cell),
          "width": px(cell), "height": px(cell), "fill": fill,
        ]
        if tooltips {
          let valueText = value.isFinite ? TickLabels.compact(value, format: format) : "no value"
          canvas.svg.leaf("rect", attributes, tooltip: rowNames[row] + ", " + columnNames[column] + ": " + valueText)
        } else {
          canvas.svg.leaf("rect", attributes)
        }
      }
    }
    canvas.svg.close("g")

    // Values written in the cells when they fit: confusion matrices read better with numbers.
    if writeValues {
      let cellFont = 11.0
      let largest = max(abs(facts.range?.lowerBound ?? 0), abs(facts.range?.upperBound ?? 0))
      // Counts (confusion matrices of raw predictions) are written without decimals.
      let integral = values.allSatisfy { $0.allSatisfy { !$0.isFinite || $0 == $0.rounded() } }
      let texts = values.map {
        $0.map { $0.isFinite ? cellText($0, largest: largest, integral: integral, format: format) : "" }
      }
      let widest = texts.flatMap { $0 }.map { TextMetrics.width($0, fontSize: cellFont) }.max() ?? 0
      if widest + 6 <= cell && cell >= 16 {
        canvas.svg.open("g", ["font-size": px(cellFont), "text-anchor": "middle"])
        for row in 0..<facts.rows {
          for (column, text) in texts[row].enumerated() where !text.isEmpty {
            let light = Viridis.prefersLightText(scale.fraction(values[row][column]))
            canvas.svg.text(
              "text",
              ["x": px(grid.x + (Double(column) + 0.5) * cell), "y": px(grid.y + (Double(row) + 0.5) * cell + 4), "fill": light ? "#ffffff" : "#111111"],
              text)
          }
        }
        canvas.svg.close("g")
      }
    }

    // Row labels, right-aligned against the grid.
    canvas.svg.open("g", ["fill": Palette.mutedText, "text-anchor": "end"])
    for row in 0..<facts.rows where row % rowStride == 0 {
      canvas.svg.text("text", ["x": px(grid.x - 6), "y": px(grid.y + (Double(row) + 0.5) * cell + 4)], shownRowNames[row])
    }
    canvas.svg.close("g")
    // Column labels.
    canvas.svg.open("g", ["fill": Palette.mutedText, "text-anchor": rotate ? "end" : "middle"])
    for column in 0..<facts.columns where column % columnStride == 0 {
      let x = grid.x + (Double(column) + 0.5) * cell
      if rotate {
        let y = grid.maxY + 10
        canvas.svg.text("text", ["x": px(x + 4), "y": px(y), "transform": "rotate(-45 " + px(x + 4) + " " + px(y) + ")"], shownColumnNames[column])
      } else {
        canvas.svg.text("text", ["x": px(x), "y": px(grid.maxY + 6 + font * 0.8)], shownColumnNames[column])
      }
    }
    canvas.svg.close("g")
    if let yTitle {
      let x = Style.edge + font
      canvas.svg.text(
        "text",
        ["x": px(x), "y": px(grid.midY), "text-anchor": "middle", "fill": Palette.text, "transform": "rotate(-90 " + px(x) + " " + px(grid.midY) + ")"],
        TextMetrics.truncate(yTitle, maxWidth: max(grid.height, 60), fontSize: font))
    }
    if let xTitle {
      canvas.svg.text(
        "text", ["x": px(grid.midX), "y": px(grid.maxY + bottom - Style.edge), "text-anchor": "middle", "fill": Palette.text],
        TextMetrics.truncate(xTitle, maxWidth: max(grid.width, 60), fontSize: font))
    }
    drawColorBar(scale, x: grid.maxX + 18, y: grid.y, width: barWidth, height: grid.height, on: &canvas)
    return notes
  }

  /// The colour legend: a vertical viridis gradient with ticks and labels on its right.
  private static func drawColorBar(_ scale: Axis, x: Double, y: Double, width: Double, height: Double, on canvas: inout Canvas) {
    canvas.svg.open("defs")
    canvas.svg.open("linearGradient", ["id": canvas.ref("scale"), "x1": "0", "y1": "1", "x2": "0", "y2": "0"])
    for index in Viridis.samples.indices {
      let t = Viridis.position(ofSample: index)
      canvas.svg.leaf("stop", ["offset": NumberText.fixed(t, decimals: 4, trimZeros: true), "stop-color": Viridis.color(t)])
    }
    canvas.svg.close("linearGradient")
    canvas.svg.close("defs")
    canvas.svg.leaf("rect", ["x": px(x), "y": px(y), "width": px(width), "height": px(height), "fill": "url(#" + canvas.ref("scale") + ")"])
    canvas.svg.open("g", ["stroke": Palette.axis, "stroke-width": "1"])
    for tick in scale.ticks {
      let tickY = y + height - scale.fraction(tick) * height
      canvas.svg.leaf("line", ["x1": px(x + width), "y1": px(tickY), "x2": px(x + width + Style.tick), "y2": px(tickY)])
    }
    canvas.svg.close("g")
    canvas.svg.open("g", ["fill": Palette.mutedText])
    for (tick, label) in zip(scale.ticks, scale.labels) {
      let tickY = y + height - scale.fraction(tick) * height
      canvas.svg.text("text", ["x": px(x + width + Style.tick + 3), "y": px(tickY + 4)], label)
    }
    canvas.svg.close("g")
  }

  /// A cell's value with two significant digits of the grid's largest value: 0.87, 0.05, 12, 0.
  private static func cellText(
    _ value: Double, largest: Double, integral: Bool, format: ChartSpec.NumberFormat
  ) -> String {
    switch format {
    case .percent:
      let places = min(max(1 - Int((largest * 100).log10Floor), 0), 4)
      return value == 0 ? "0" : NumberText.fixed(value * 100, decimals: places, minus: TickLabels.minus) + "%"
    case .scientific:
      return TickLabels.compact(value, format: format)
    case .automatic, .grouped:
      guard largest < 1e4 else { return TickLabels.compact(value, format: format) }
      let places = integral ? 0 : min(max(1 - Int(largest.log10Floor), 0), 4)
      return value == 0 ? "0" : NumberText.fixed(value, decimals: places, minus: TickLabels.minus)
    }
  }

  /// `names` padded with 0-based indices up to `count`, so every row and column has a label.
  private static func labels(_ names: [String], count: Int) -> [String] {
    (0..<count).map { $0 < names.count ? names[$0] : String($0) }
  }
}
