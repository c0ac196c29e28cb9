import Hardware
import Kernel

/// A weight-stationary systolic array in the language: `sa.rows`, `schedule(sa, ...)`.
public final class SystolicArrayObject: LabObject {
  /// `SystolicArray`.
  public static let typeName = "SystolicArray"
  /// The wrapped array.
  public let array: SystolicArray

  /// Wraps an array.
  public init(_ array: SystolicArray) { self.array = array }

  static let memberDocs: [(name: String, doc: String)] = [
    ("rows", "PE rows (the reduction dimension is spread over them)."),
    ("cols", "PE columns (output channels are spread over them)."),
    ("pes", "Processing elements: rows x cols."),
    ("loading", "How weights are loaded: \"serial\" or \"double_buffered\"."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { Self.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "rows": return .number(Double(array.rows))
    case "cols": return .number(Double(array.columns))
    case "pes": return .number(Double(array.rows * array.columns))
    case "loading": return .string(Self.loadingName(array.weightLoading))
    default: return nil
    }
  }

  /// The language's name of a loading scheme.
  static func loadingName(_ loading: SystolicArray.WeightLoading) -> String {
    loading == .serial ? "serial" : "double_buffered"
  }

  /// `<SystolicArray 16x16, serial weight loading>`.
  public var summary: String {
    "<SystolicArray \(array.rows)x\(array.columns), \(Self.loadingName(array.weightLoading)) weight loading>"
  }
}
