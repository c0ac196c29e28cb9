extension SVGRenderer {
  /// A point marker of `shape` centred on (`x`, `y`), of about `radius`.
  static func drawMarker(
    _ shape: Marker, x: Double, y: Double, radius r: Double, color: String, opacity: Double = 1,
    into svg: inout SVGWriter
  ) {
    let fillOpacity = opacity < 1 ? NumberText.fixed(opacity, decimals: 2, trimZeros: true) : ""
    switch shape {
    case .circle:
      svg.leaf("circle", ["cx": px(x), "cy": px(y), "r": px(r), "fill": color, "fill-opacity": fillOpacity])
    case .square:
      let half = r * 0.9
      svg.leaf("rect", ["x": px(x - half), "y": px(y - half), "width": px(2 * half), "height": px(2 * half), "fill": color, "fill-opacity": fillOpacity])
    case .triangle, .triangleDown:
      let s = shape == .triangle ? 1.0 : -1.0
      let d = "M" + px(x) + " " + px(y - s * r * 1.2) + "L" + px(x + r * 1.1) + " " + px(y + s * r * 0.8)
        + "L" + px(x - r * 1.1) + " " + px(y + s * r * 0.8) + "Z"
      svg.leaf("path", ["d": d, "fill": color, "fill-opacity": fillOpacity])
    case .diamond:
      let k = r * 1.25
      let d = "M" + px(x) + " " + px(y - k) + "L" + px(x + k) + " " + px(y) + "L" + px(x) + " " + px(y + k)
        + "L" + px(x - k) + " " + px(y) + "Z"
      svg.leaf("path", ["d": d, "fill": color, "fill-opacity": fillOpacity])
    case .plus:
      let k = r * 1.2
      let d = "M" + px(x - k) + " " + px(y) + "H" + px(x + k) + "M" + px(x) + " " + px(y - k) + "V" + px(y + k)
      svg.leaf("path", ["d": d, "stroke": color, "stroke-width": "2", "fill": "none", "stroke-opacity": fillOpacity])
    }
  }
}
