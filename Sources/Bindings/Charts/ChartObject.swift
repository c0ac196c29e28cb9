import Charts
import Kernel

/// A chart value: a ``ChartSpec`` and a caption; displays as a figure.
public final class ChartObject: LabObject {
  /// `Chart`.
  public static let typeName = "Chart"
  /// What to draw.
  public let spec: ChartSpec
  /// The caption, if any.
  public let caption: String?

  /// Wraps a spec.
  public init(spec: ChartSpec, caption: String?) {
    self.spec = spec
    self.caption = caption
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("kind", "`line`, `bar`, `histogram`, `scatter` or `heatmap`."),
    ("title", "The title, or none."),
    ("caption", "The caption, or none."),
    ("series", "The names of the series drawn."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { ChartObject.memberDocs.map(\.name) }

  /// `kind`, `title`, `caption`, `series`.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "kind": return .string(spec.kind.rawValue)
    case "title": return spec.title.map(Value.string) ?? Value.none
    case "caption": return caption.map(Value.string) ?? Value.none
    case "series": return .list(spec.series.map { .string($0.name) })
    default: return nil
    }
  }

  /// `<Chart line: Loss>`.
  public var summary: String { "<Chart \(spec.kind.rawValue)\(spec.title.map { ": \($0)" } ?? "")>" }

  /// The figure.
  public func display() -> [DisplayItem] { [.chart(ChartDisplay(spec: spec, caption: caption))] }
}
