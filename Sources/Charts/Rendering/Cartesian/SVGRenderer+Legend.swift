extension SVGRenderer {
  /// A legend column at (`x`, `y`); rows that do not fit in `maxHeight` are summarised.
  static func drawLegend(
    _ entries: [LegendEntry], x: Double, y: Double, maxTextWidth: Double, maxHeight: Double,
    on canvas: inout Canvas
  ) {
    let capacity = max(Int(maxHeight / Style.legendRow), 1)
    let shown = entries.count > capacity ? Array(entries.prefix(capacity - 1)) : entries
    canvas.svg.open("g", ["fill": Palette.text])
    for (index, entry) in shown.enumerated() {
      let rowY = y + 8 + Double(index) * Style.legendRow
      switch entry.symbol {
      case .line(let marker):
        canvas.svg.leaf("line", ["x1": px(x), "y1": px(rowY), "x2": px(x + 22), "y2": px(rowY), "stroke": entry.color, "stroke-width": "2"])
        if let marker { drawMarker(marker, x: x + 11, y: rowY, radius: 3, color: entry.color, into: &canvas.svg) }
      case .marker(let marker):
        drawMarker(marker, x: x + 11, y: rowY, radius: 3.5, color: entry.color, into: &canvas.svg)
      case .box:
        canvas.svg.leaf("rect", ["x": px(x + 4), "y": px(rowY - 6), "width": "14", "height": "12", "fill": entry.color, "fill-opacity": "0.45", "stroke": entry.color, "stroke-width": "1.5"])
      }
      canvas.svg.text(
        "text", ["x": px(x + 28), "y": px(rowY + 4)],
        TextMetrics.truncate(entry.name, maxWidth: maxTextWidth, fontSize: Style.fontSize))
    }
    if shown.count < entries.count {
      let rowY = y + 8 + Double(shown.count) * Style.legendRow
      canvas.svg.text("text", ["x": px(x + 28), "y": px(rowY + 4), "fill": Palette.mutedText], "+ \(entries.count - shown.count) more")
    }
    canvas.svg.close("g")
  }
}
