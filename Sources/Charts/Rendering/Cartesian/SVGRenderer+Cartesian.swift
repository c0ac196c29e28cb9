import Foundation

extension SVGRenderer {
  /// Lays out and draws the frame of a cartesian chart (header, grid, axes, legend) and lets
  /// `data` draw the marks, clipped to the plot. Returns the notes shown, for the description.
  static func drawCartesian(
    _ request: CartesianRequest, on canvas: inout Canvas,
    data: (inout SVGWriter, CartesianPlot) -> Void
  ) -> [String] {
    let font = Style.fontSize
    let hasTitle = !(request.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty

    // Axes first: their fallbacks are notes, and notes take room in the header.
    let estimatedHeight = canvas.height - 90 - (hasTitle ? 20 : 0)
    let yTickCount = min(max(Int(estimatedHeight / 55) + 1, 2), 8)
    let yAxis = Axis.covering(
      request.yValues, scale: request.yScale, format: request.yFormat, tickCount: yTickCount,
      includeZero: request.yIncludeZero, integer: request.yInteger, name: axisName(request.yLabel, "y"))
    // Whole-number x (epochs, layers, exits) gets whole-number ticks.
    let integralX = request.xValues.allSatisfy { $0 == $0.rounded() }
    func xAxis(tickCount: Int) -> Axis {
      Axis.covering(
        request.xValues, scale: request.xScale, format: request.xFormat, tickCount: tickCount,
        integer: integralX, tight: request.xTight, name: axisName(request.xLabel, "x"))
    }
    var numericX: Axis? = request.categories == nil ? xAxis(tickCount: 6) : nil
    let notes = request.notes + [numericX?.note, yAxis.note].compactMap { $0 }
    let top = drawHeader(title: request.title, notes: notes, on: &canvas)

    // Legend on the right, outside the plot, so it never hides data.
    let showLegend = request.legend.count > 1
    let legendTextWidth = max(60, canvas.width * 0.22)
    let legendWidth = showLegend
      ? min(request.legend.map { TextMetrics.width($0.name, fontSize: font) }.max() ?? 0, legendTextWidth) + 30
      : 0
    var right = showLegend ? legendWidth + 16 + Style.edge : Style.edge + 6

    let yLabelsWidth = yAxis.labels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
    var left = Style.edge + (request.yLabel == nil ? 0 : font + 8) + yLabelsWidth + Style.tick + 4
    var plotWidth = canvas.width - left - right
    let xTitleHeight = request.xLabel == nil ? 0 : font + 5
    var bottom = Style.tick + 4 + font + 2 + xTitleHeight + Style.edge

    // Category labels: horizontal when they fit, else rotated, thinned when slots are tiny.
    var categoryLabels: [String] = []
    var rotateLabels = false
    var labelStride = 1
    if let categories = request.categories {
      let slot = plotWidth / Double(max(categories.count, 1))
      let flatWidth = min(140, plotWidth)
      let flat = categories.map { TextMetrics.truncate($0, maxWidth: flatWidth, fontSize: font) }
      let widestFlat = flat.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
      if widestFlat + 6 <= slot {
        categoryLabels = flat
      } else {
        rotateLabels = true
        let maxRotated = min(120, canvas.height * 0.25)
        categoryLabels = categories.map { TextMetrics.truncate($0, maxWidth: maxRotated, fontSize: font) }
        let widest = categoryLabels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
        bottom = Style.tick + 6 + widest * 0.71 + font * 0.71 + xTitleHeight + Style.edge
        // Rotated 45°, neighbours are slot × sin 45° apart: keep that above a line height.
        labelStride = max(1, Int((font * 1.6 / max(slot, 0.01)).rounded(.up)))
        // The first label leans left, past the axis: make room for it.
        let firstWidth = categoryLabels.first.map { TextMetrics.width($0, fontSize: font) } ?? 0
        left = max(left, firstWidth * 0.71 - slot / 2 + Style.edge)
        plotWidth = canvas.width - left - right
      }
    } else {
      // Fewer x ticks until their labels no longer touch.
      var count = min(max(Int(plotWidth / 80) + 1, 2), 11)
      while true {
        let axis = xAxis(tickCount: count)
        let widest = axis.labels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
        let spacing = plotWidth / Double(max(axis.ticks.count - 1, 1))
        numericX = axis
        if widest + 10 <= spacing || count <= 2 {
          if !showLegend { right = max(right, widest / 2 + Style.edge) }
          break
        }
        count -= 1
      }
      plotWidth = canvas.width - left - right
    }

    let rect = Rect(
      x: left, y: top, width: max(plotWidth, 20), height: max(canvas.height - top - bottom, 20))
    let dimension: XDimension = numericX.map { .numeric($0) } ?? .categories(request.categories ?? [])
    let plot = CartesianPlot(rect: rect, x: dimension, y: yAxis)

    drawGrid(plot, vertical: request.verticalGrid, on: &canvas)

    canvas.svg.open("defs")
    canvas.svg.open("clipPath", ["id": canvas.ref("plot")])
    // A little slack so markers on the plot's edge are not cut in half.
    canvas.svg.leaf("rect", ["x": px(rect.x - 6), "y": px(rect.y - 6), "width": px(rect.width + 12), "height": px(rect.height + 12)])
    canvas.svg.close("clipPath")
    canvas.svg.close("defs")
    canvas.svg.open("g", ["clip-path": "url(#" + canvas.ref("plot") + ")"])
    var marks = SVGWriter()
    data(&marks, plot)
    canvas.svg.append(marks)
    canvas.svg.close("g")
    if request.isEmpty { drawNoData(in: rect, on: &canvas) }

    drawYAxis(plot, title: request.yLabel, on: &canvas)
    switch plot.x {
    case .numeric(let axis):
      drawNumericXAxis(plot, axis: axis, title: request.xLabel, on: &canvas)
    case .categories:
      drawCategoryAxis(plot, labels: categoryLabels, rotated: rotateLabels, stride: labelStride, title: request.xLabel, on: &canvas)
    }
    if showLegend {
      drawLegend(request.legend, x: rect.maxX + 16, y: rect.y, maxTextWidth: legendTextWidth, maxHeight: rect.height, on: &canvas)
    }
    return notes
  }

  /// How an axis is named in notes: its label, else "x" or "y".
  private static func axisName(_ label: String?, _ fallback: String) -> String {
    guard let label, !label.isEmpty else { return fallback }
    return TextMetrics.truncate(label, maxWidth: 160, fontSize: Style.fontSize)
  }

  /// Light gridlines behind the data.
  private static func drawGrid(_ plot: CartesianPlot, vertical: Bool, on canvas: inout Canvas) {
    let rect = plot.rect
    canvas.svg.open("g", ["stroke": Palette.grid, "stroke-width": "1", "fill": "none"])
    for tick in plot.y.ticks {
      let y = plot.yPosition(tick)
      canvas.svg.leaf("line", ["x1": px(rect.x), "y1": px(y), "x2": px(rect.maxX), "y2": px(y)])
    }
    if vertical, case .numeric(let axis) = plot.x {
      for tick in axis.ticks {
        let x = plot.xPosition(tick)
        canvas.svg.leaf("line", ["x1": px(x), "y1": px(rect.y), "x2": px(x), "y2": px(rect.maxY)])
      }
    }
    canvas.svg.close("g")
  }

  /// The y axis line, ticks, labels and title.
  private static func drawYAxis(_ plot: CartesianPlot, title: String?, on canvas: inout Canvas) {
    let rect = plot.rect
    canvas.svg.open("g", ["stroke": Palette.axis, "stroke-width": "1"])
    canvas.svg.leaf("line", ["x1": px(rect.x), "y1": px(rect.y), "x2": px(rect.x), "y2": px(rect.maxY)])
    for tick in plot.y.ticks {
      let y = plot.yPosition(tick)
      canvas.svg.leaf("line", ["x1": px(rect.x - Style.tick), "y1": px(y), "x2": px(rect.x), "y2": px(y)])
    }
    for tick in plot.y.minorTicks where tick > plot.y.lower && tick < plot.y.upper {
      let y = plot.yPosition(tick)
      canvas.svg.leaf("line", ["x1": px(rect.x - Style.tick / 2), "y1": px(y), "x2": px(rect.x), "y2": px(y)])
    }
    canvas.svg.close("g")
    canvas.svg.open("g", ["fill": Palette.mutedText, "text-anchor": "end"])
    for (tick, label) in zip(plot.y.ticks, plot.y.labels) {
      canvas.svg.text("text", ["x": px(rect.x - Style.tick - 3), "y": px(plot.yPosition(tick) + 4)], label)
    }
    canvas.svg.close("g")
    if let title {
      let x = Style.edge + Style.fontSize
      canvas.svg.text(
        "text",
        ["x": px(x), "y": px(rect.midY), "text-anchor": "middle", "fill": Palette.text,
         "transform": "rotate(-90 " + px(x) + " " + px(rect.midY) + ")"],
        TextMetrics.truncate(title, maxWidth: rect.height, fontSize: Style.fontSize))
    }
  }

  /// A numeric x axis: line, ticks, labels and title.
  private static func drawNumericXAxis(_ plot: CartesianPlot, axis: Axis, title: String?, on canvas: inout Canvas) {
    let rect = plot.rect
    canvas.svg.open("g", ["stroke": Palette.axis, "stroke-width": "1"])
    canvas.svg.leaf("line", ["x1": px(rect.x), "y1": px(rect.maxY), "x2": px(rect.maxX), "y2": px(rect.maxY)])
    for tick in axis.ticks {
      let x = plot.xPosition(tick)
      canvas.svg.leaf("line", ["x1": px(x), "y1": px(rect.maxY), "x2": px(x), "y2": px(rect.maxY + Style.tick)])
    }
    for tick in axis.minorTicks where tick > axis.lower && tick < axis.upper {
      let x = plot.xPosition(tick)
      canvas.svg.leaf("line", ["x1": px(x), "y1": px(rect.maxY), "x2": px(x), "y2": px(rect.maxY + Style.tick / 2)])
    }
    canvas.svg.close("g")
    canvas.svg.open("g", ["fill": Palette.mutedText, "text-anchor": "middle"])
    let baseline = rect.maxY + Style.tick + 3 + Style.fontSize * 0.8
    for (tick, label) in zip(axis.ticks, axis.labels) {
      canvas.svg.text("text", ["x": px(plot.xPosition(tick)), "y": px(baseline)], label)
    }
    canvas.svg.close("g")
    drawXTitle(title, plot: plot, on: &canvas)
  }

  /// A category axis: one label per slot (or per `stride` slots), rotated when crowded.
  private static func drawCategoryAxis(
    _ plot: CartesianPlot, labels: [String], rotated: Bool, stride: Int, title: String?, on canvas: inout Canvas
  ) {
    let rect = plot.rect
    canvas.svg.open("g", ["stroke": Palette.axis, "stroke-width": "1"])
    canvas.svg.leaf("line", ["x1": px(rect.x), "y1": px(rect.maxY), "x2": px(rect.maxX), "y2": px(rect.maxY)])
    canvas.svg.close("g")
    canvas.svg.open("g", ["fill": Palette.mutedText, "text-anchor": rotated ? "end" : "middle"])
    for (index, label) in labels.enumerated() where index % stride == 0 {
      let x = plot.categoryCenter(index)
      if rotated {
        let y = rect.maxY + Style.tick + 6
        canvas.svg.text(
          "text",
          ["x": px(x + 4), "y": px(y), "transform": "rotate(-45 " + px(x + 4) + " " + px(y) + ")"], label)
      } else {
        canvas.svg.text("text", ["x": px(x), "y": px(rect.maxY + Style.tick + 3 + Style.fontSize * 0.8)], label)
      }
    }
    canvas.svg.close("g")
    drawXTitle(title, plot: plot, on: &canvas)
  }

  /// The x axis title, centred under the plot at the bottom of the drawing.
  private static func drawXTitle(_ title: String?, plot: CartesianPlot, on canvas: inout Canvas) {
    guard let title else { return }
    canvas.svg.text(
      "text",
      ["x": px(plot.rect.midX), "y": px(canvas.height - Style.edge), "text-anchor": "middle", "fill": Palette.text],
      TextMetrics.truncate(title, maxWidth: plot.rect.width, fontSize: Style.fontSize))
  }
}
