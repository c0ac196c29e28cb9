import Hardware
import Kernel

/// A device-variation specification in the language (`lognormal(0.2)`): `v.sigma`, `v.model`.
public final class CrossbarVariationObject: LabObject {
  /// `Variation`.
  public static let typeName = "Variation"
  /// The wrapped variation.
  public let variation: LogNormalVariation

  /// Wraps a variation.
  public init(_ variation: LogNormalVariation) {
    self.variation = variation
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("sigma", "The standard deviation of theta in e^theta."),
    ("model", "What varies: `weight` (W e^theta, the paper's reading) or `devices` (each device of the pair)."),
    ("mean_factor", "The mean of e^theta, e^(sigma^2 / 2)."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { CrossbarVariationObject.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "sigma": return .number(variation.sigma)
    case "model": return .string(variation.model.rawValue)
    case "mean_factor": return .number(variation.meanFactor)
    default: return nil
    }
  }

  /// `<Variation lognormal sigma 0.2, weight>`.
  public var summary: String {
    "<Variation lognormal sigma \(NumberFormatting.plain(variation.sigma)), \(variation.model.rawValue)>"
  }

  /// The model in words.
  public func display() -> [DisplayItem] {
    let sigma = NumberFormatting.plain(variation.sigma)
    switch variation.model {
    case .weight:
      return [.text("log-normal variation: W_var = W * e^theta, theta ~ N(0, \(sigma)^2), one theta per weight")]
    case .devices:
      return [
        .text("log-normal variation: G * e^theta per device of each differential pair, theta ~ N(0, \(sigma)^2)")
      ]
    }
  }
}
