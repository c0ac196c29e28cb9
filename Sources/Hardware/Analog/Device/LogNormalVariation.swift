import Foundation
import Tensor

/// Which programmed quantity the log-normal factor `e^theta` multiplies.
public enum VariationModel: String, Equatable, Sendable, Codable, CaseIterable {
  /// CorrectNet's reading: the stored weight itself, `W_var = W * e^theta`, one `theta` per weight.
  ///
  /// The paper's abstraction of the conductances: it is what the pair reads when the whole
  /// programmed offset `scale * |w|` varies and `g_min` is taken as an exact zero.
  case weight
  /// Each device of the differential pair varies on its own: `(G+ e^theta1 - G- e^theta2) / scale`.
  ///
  /// The idle device at `g_min` varies too, so even a zero weight reads as a small random value.
  case devices
}

/// Device-to-device process variation: programmed values times `e^theta`, `theta ~ N(0, sigma^2)`.
public struct LogNormalVariation: Equatable, Sendable, Codable {
  /// The standard deviation of `theta`.
  public var sigma: Double
  /// What the factor multiplies.
  public var model: VariationModel

  /// Creates a variation; `sigma` must be finite and non-negative.
  public init(sigma: Double, model: VariationModel = .weight) throws {
    guard sigma.isFinite, sigma >= 0 else {
      throw CrossbarError(.invalidSetting, "the variation's sigma must be a finite number >= 0, got \(sigma)")
    }
    self.sigma = sigma
    self.model = model
  }

  /// No variation: every device holds its programmed value.
  public static let none = LogNormalVariation(uncheckedSigma: 0, model: .weight)

  private init(uncheckedSigma: Double, model: VariationModel) {
    self.sigma = uncheckedSigma
    self.model = model
  }

  /// The mean of `e^theta`: `e^(sigma^2 / 2)`.
  public var meanFactor: Double { exp(sigma * sigma / 2) }

  /// The standard deviation of `e^theta`: `sqrt((e^(sigma^2) - 1) e^(sigma^2))`.
  public var factorStandardDeviation: Double {
    let s2 = sigma * sigma
    return ((exp(s2) - 1) * exp(s2)).squareRoot()
  }

  /// `count` independent factors `e^theta` (all ones when sigma is zero), drawn from `generator`.
  public func factors(_ shape: [Int], generator: inout SeededGenerator) -> Tensor {
    guard sigma > 0 else { return Tensor(ones: shape) }
    return Tensor(randomNormal: shape, standardDeviation: Float(sigma), generator: &generator).map(.exp)
  }
}
