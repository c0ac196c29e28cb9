extension SVGRenderer {
  /// Most points per series that still get markers on a line chart; beyond, markers clutter.
  static let maxMarkedPoints = 60

  /// A line chart (polylines with markers) or a scatter chart (markers only).
  static func drawPoints(_ spec: ChartSpec, on canvas: inout Canvas) -> [String] {
    let isLine = spec.kind == .line
    let series = spec.series.map { SeriesFacts.points($0) }
    let finite = series.map { points in points.filter { $0.x.isFinite && $0.y.isFinite } }
    var request = CartesianRequest(spec: spec)
    request.xValues = finite.flatMap { $0.map(\.x) }
    // Lines run edge to edge over their x range; scatter points keep a margin off the frame.
    request.xTight = isLine ? 0 : 0.04
    request.yValues = finite.flatMap { $0.map(\.y) }
    let bands = isLine ? spec.series.map(\.bandRuns) : []
    request.yValues += bands.flatMap { $0.flatMap { $0.flatMap { [$0.lower, $0.upper] } } }
    request.isEmpty = request.yValues.isEmpty
    request.notes = ChartDescription.skippedNotes(spec)
    request.legend = spec.series.indices.map { index in
      LegendEntry(
        name: SeriesFacts(spec.series[index], index: index, kind: spec.kind).name,
        color: Palette.color(index),
        symbol: isLine ? .line(Palette.marker(index)) : .marker(Palette.marker(index)))
    }
    return drawCartesian(request, on: &canvas) { svg, plot in
      // Bands first, so every line stays on top of every band.
      for (index, runs) in bands.enumerated() {
        for run in runs {
          let upper = run.map { px(plot.xPosition($0.x)) + "," + px(plot.yPosition($0.upper)) }
          let lower = run.reversed().map { px(plot.xPosition($0.x)) + "," + px(plot.yPosition($0.lower)) }
          svg.leaf("polygon", ["points": (upper + lower).joined(separator: " "), "fill": Palette.color(index), "fill-opacity": "0.18", "stroke": "none"])
        }
      }
      for (index, points) in series.enumerated() {
        let color = Palette.color(index)
        let marker = Palette.marker(index)
        if isLine {
          // A NaN or infinite value breaks the line: joining across it would invent data.
          var segment: [String] = []
          func flush() {
            if segment.count > 1 {
              svg.leaf("polyline", ["points": segment.joined(separator: " "), "fill": "none", "stroke": color, "stroke-width": "2", "stroke-linejoin": "round", "stroke-linecap": "round"])
            }
            segment = []
          }
          for point in points {
            if point.x.isFinite && point.y.isFinite {
              segment.append(px(plot.xPosition(point.x)) + "," + px(plot.yPosition(point.y)))
            } else {
              flush()
            }
          }
          flush()
        }
        let shown = finite[index]
        // Lone points of a line (between gaps, or a one-point series) need markers to be seen.
        guard !isLine || shown.count <= maxMarkedPoints || shown.count == 1 else { continue }
        let radius = isLine ? 3.0 : 3.5
        for point in shown {
          drawMarker(
            marker, x: plot.xPosition(point.x), y: plot.yPosition(point.y), radius: radius, color: color,
            opacity: isLine ? 1 : 0.75, into: &svg)
        }
      }
    }
  }
}
