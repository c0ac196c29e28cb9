import Foundation

/// Renders a ``ChartSpec`` to a self-contained, accessible, deterministic inline SVG.
///
/// The same spec always gives the same bytes. Bad data never traps: non-finite values are
/// skipped, log scales over non-positive data fall back to linear, and empty charts say
/// "No data"; each such choice is noted on the chart and in its `<desc>`.
public enum SVGRenderer {
  /// The SVG markup of `spec`; `id` prefixes every element id so several charts can share a page.
  public static func render(_ spec: ChartSpec, id: String = "chart") -> String {
    var canvas = Canvas(spec: spec, id: XML.identifier(id))
    let notes: [String]
    switch spec.kind {
    case .line, .scatter:
      notes = drawPoints(spec, on: &canvas)
    case .bar:
      notes = drawBars(spec, on: &canvas)
    case .histogram:
      notes = drawHistogram(spec, on: &canvas)
    case .heatmap:
      notes = drawHeatmap(spec, on: &canvas)
    }
    let title = ChartDescription.title(of: spec)
    let description = ChartDescription.sentence(of: spec, notes: notes)

    var root = SVGWriter()
    root.open("svg", [
      "xmlns": "http://www.w3.org/2000/svg",
      "id": canvas.id,
      "width": px(canvas.width),
      "height": px(canvas.height),
      "viewBox": "0 0 " + px(canvas.width) + " " + px(canvas.height),
      "role": "img",
      "aria-labelledby": canvas.ref("title") + " " + canvas.ref("desc"),
      "font-family": Style.fontFamily,
      "font-size": px(Style.fontSize),
      "style": "max-width:100%;height:auto",
    ])
    root.text("title", ["id": canvas.ref("title")], title)
    root.text("desc", ["id": canvas.ref("desc")], description)
    root.leaf("rect", ["width": px(canvas.width), "height": px(canvas.height), "fill": "#ffffff"])
    root.append(canvas.svg)
    root.close("svg")
    return root.markup
  }
}

/// The drawing under construction: its size, id prefix and body markup.
struct Canvas {
  /// The drawing's width, clamped to a sane range.
  let width: Double
  /// The drawing's height, clamped to a sane range.
  let height: Double
  /// The sanitised id prefix.
  let id: String
  /// Everything drawn inside the root element, after title and description.
  var svg = SVGWriter()

  init(spec: ChartSpec, id: String) {
    width = spec.width.isFinite ? min(max(spec.width, Style.widthRange.lowerBound), Style.widthRange.upperBound) : 640
    height = spec.height.isFinite ? min(max(spec.height, Style.heightRange.lowerBound), Style.heightRange.upperBound) : 360
    self.id = id
  }

  /// A page-unique element id for `name`.
  func ref(_ name: String) -> String {
    id + "-" + name
  }
}

extension SVGRenderer {
  /// Draws the title (when the spec has one) and the notes; returns where the plot may start.
  static func drawHeader(title: String?, notes: [String], on canvas: inout Canvas) -> Double {
    var baseline = Style.edge
    let usable = canvas.width - 2 * Style.edge
    if let title = title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty {
      baseline += Style.titleSize + 2
      canvas.svg.text(
        "text",
        ["x": px(Style.edge), "y": px(baseline), "font-size": px(Style.titleSize), "font-weight": "600", "fill": Palette.text],
        TextMetrics.truncate(title, maxWidth: usable, fontSize: Style.titleSize * TextMetrics.boldFactor))
      baseline += 4
    }
    for note in notes {
      baseline += Style.fontSize + 3
      canvas.svg.text(
        "text",
        ["x": px(Style.edge), "y": px(baseline), "font-size": px(Style.fontSize - 1), "font-style": "italic", "fill": Palette.mutedText],
        TextMetrics.truncate("Note: " + note, maxWidth: usable, fontSize: Style.fontSize - 1))
    }
    return baseline + (baseline > Style.edge ? 14 : 6)
  }

  /// Writes "No data" in the middle of `rect`.
  static func drawNoData(in rect: Rect, on canvas: inout Canvas) {
    canvas.svg.text(
      "text",
      ["x": px(rect.midX), "y": px(rect.midY + 4), "text-anchor": "middle", "fill": Palette.mutedText],
      "No data")
  }
}
