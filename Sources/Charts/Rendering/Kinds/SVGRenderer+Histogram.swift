extension SVGRenderer {
  /// A histogram: every series binned on the same edges, drawn overlaid and see-through.
  static func drawHistogram(_ spec: ChartSpec, on canvas: inout Canvas) -> [String] {
    let samples = spec.series.map(\.y)
    let positive = samples.allSatisfy { $0.allSatisfy { !$0.isFinite || $0 > 0 } }
    let binning = Binning(series: samples, requested: spec.bins, logarithmic: spec.xScale == .log && positive)
    let hasData = samples.contains { $0.contains { $0.isFinite } }
    var request = CartesianRequest(spec: spec)
    request.yLabel = request.yLabel ?? "count"
    request.verticalGrid = false
    request.xValues = hasData ? binning.edges : []
    // Counts of zero have no place on a log axis; they are simply not drawn.
    let counts = binning.counts.flatMap { $0 }.map(Double.init)
    request.yValues = spec.yScale == .log ? counts.filter { $0 > 0 } : counts
    request.yIncludeZero = true
    request.yInteger = true
    request.isEmpty = !hasData
    request.notes = ChartDescription.skippedNotes(spec)
    let names = spec.series.indices.map { SeriesFacts(spec.series[$0], index: $0, kind: .histogram).name }
    request.legend = names.indices.map { LegendEntry(name: names[$0], color: Palette.color($0), symbol: .box) }
    let overlaid = spec.series.count > 1
    return drawCartesian(request, on: &canvas) { svg, plot in
      guard hasData else { return }
      let base = plot.baseline
      let edges = binning.edges.map { plot.xPosition($0) }
      for (seriesIndex, counts) in binning.counts.enumerated() {
        let color = Palette.color(seriesIndex)
        func top(_ count: Int) -> Double {
          count > 0 || plot.y.mapping == .linear ? plot.yPosition(Double(count)) : base
        }
        svg.open("g", ["fill": color, "fill-opacity": overlaid ? "0.35" : "0.6"])
        for (bin, count) in counts.enumerated() where count > 0 {
          let low = NumberText.significant(binning.edges[bin], 3)
          let high = NumberText.significant(binning.edges[bin + 1], 3)
          svg.leaf(
            "rect",
            ["x": px(edges[bin]), "y": px(top(count)), "width": px(max(edges[bin + 1] - edges[bin], 0.5)), "height": px(base - top(count))],
            tooltip: names[seriesIndex] + ": \(count) in [" + low + ", " + high + (bin == counts.count - 1 ? "]" : ")"))
        }
        svg.close("g")
        // A solid outline keeps each overlaid distribution's shape legible where fills mix.
        var outline = "M" + px(edges[0]) + " " + px(base)
        for (bin, count) in counts.enumerated() {
          outline += "V" + px(top(count)) + "H" + px(edges[bin + 1])
        }
        outline += "V" + px(base)
        svg.leaf("path", ["d": outline, "fill": "none", "stroke": color, "stroke-width": "1.5", "stroke-linejoin": "miter"])
      }
    }
  }
}
