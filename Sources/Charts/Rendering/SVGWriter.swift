/// Accumulates SVG markup, one element per line, escaping every attribute value and text.
struct SVGWriter {
  /// The markup written so far.
  private(set) var markup = ""

  /// Writes `<name attributes>` and leaves it open.
  mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
    markup += "<" + name + SVGWriter.attributes(attributes) + ">\n"
  }

  /// Writes `</name>`.
  mutating func close(_ name: String) {
    markup += "</" + name + ">\n"
  }

  /// Writes an empty element `<name attributes/>`.
  mutating func leaf(_ name: String, _ attributes: KeyValuePairs<String, String>) {
    markup += "<" + name + SVGWriter.attributes(attributes) + "/>\n"
  }

  /// Writes `<name attributes>text</name>` with `text` escaped.
  mutating func text(_ name: String, _ attributes: KeyValuePairs<String, String>, _ content: String) {
    markup += "<" + name + SVGWriter.attributes(attributes) + ">" + XML.escape(content) + "</" + name + ">\n"
  }

  /// Writes an element with a `<title>` child: browsers show it as a tooltip on hover.
  mutating func leaf(_ name: String, _ attributes: KeyValuePairs<String, String>, tooltip: String) {
    markup += "<" + name + SVGWriter.attributes(attributes) + "><title>" + XML.escape(tooltip) + "</title></" + name + ">\n"
  }

  /// Appends markup produced by another writer.
  mutating func append(_ other: SVGWriter) {
    markup += other.markup
  }

  private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
    var result = ""
    for (key, value) in attributes where !value.isEmpty {
      result += " " + key + "=\"" + XML.escape(value) + "\""
    }
    return result
  }
}

/// A coordinate or length as written in the SVG: at most two decimals.
func px(_ value: Double) -> String {
  NumberText.coordinate(value)
}
