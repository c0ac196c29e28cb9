extension SVGRenderer {
  /// A grouped bar chart: one group per category, one bar per series.
  static func drawBars(_ spec: ChartSpec, on canvas: inout Canvas) -> [String] {
    let categories = ChartDescription.categoryNames(spec)
    var request = CartesianRequest(spec: spec)
    request.categories = categories
    request.verticalGrid = false
    request.yIncludeZero = true
    request.yValues = spec.series.flatMap { $0.y.filter { $0.isFinite } }
    request.isEmpty = request.yValues.isEmpty
    request.notes = ChartDescription.skippedNotes(spec)
    let names = spec.series.indices.map { SeriesFacts(spec.series[$0], index: $0, kind: .bar).name }
    request.legend = names.indices.map { LegendEntry(name: names[$0], color: Palette.color($0), symbol: .box) }
    let seriesCount = max(spec.series.count, 1)
    return drawCartesian(request, on: &canvas) { svg, plot in
      let groupWidth = plot.slotWidth * (seriesCount == 1 ? 0.7 : 0.8)
      let barWidth = groupWidth / Double(seriesCount)
      // A hairline between neighbouring bars keeps groups readable without a legend lookup.
      let gap = barWidth > 6 ? 1.0 : 0
      let base = plot.baseline
      for (seriesIndex, series) in spec.series.enumerated() {
        svg.open("g", ["fill": Palette.color(seriesIndex)])
        for (categoryIndex, value) in series.y.enumerated() where value.isFinite && categoryIndex < categories.count {
          if plot.y.mapping == .log && value <= 0 { continue }
          let left = plot.categoryCenter(categoryIndex) - groupWidth / 2 + Double(seriesIndex) * barWidth
          let top = plot.yPosition(value)
          svg.leaf(
            "rect",
            ["x": px(left + gap / 2), "y": px(min(top, base)), "width": px(max(barWidth - gap, 0.5)), "height": px(abs(base - top))],
            tooltip: names[seriesIndex] + ", " + categories[categoryIndex] + ": " + TickLabels.compact(value, format: request.yFormat))
        }
        svg.close("g")
      }
      if plot.y.mapping == .linear && plot.y.lower < 0 {
        // Bars grow both ways from zero: mark it.
        svg.leaf("line", ["x1": px(plot.rect.x), "y1": px(base), "x2": px(plot.rect.maxX), "y2": px(base), "stroke": Palette.axis, "stroke-width": "1"])
      }
    }
  }
}
