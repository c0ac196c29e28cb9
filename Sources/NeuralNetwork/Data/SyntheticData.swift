import Foundation
import Tensor

/// Small seeded data sets made on the spot, for tests and quick experiments that need no files.
///
/// Examples are interleaved by class (example i has class i mod classes), so every prefix is balanced.
public enum SyntheticData {
  /// `classes` Gaussian clusters in `dimensions` dimensions: inputs `[classes * perClass, dimensions]`.
  ///
  /// Cluster centres are uniform in [-centerRange, centerRange] per coordinate; points scatter
  /// around their centre with standard deviation `spread`.
  public static func blobs(
    classes: Int = 3, dimensions: Int = 2, perClass: Int = 100, spread: Float = 1, centerRange: Float = 5,
    seed: UInt64 = 0
  ) throws -> Dataset {
    try check(classes >= 1, "blobs: classes must be at least 1, got \(classes)")
    try check(dimensions >= 1, "blobs: dimensions must be at least 1, got \(dimensions)")
    try check(perClass >= 0, "blobs: perClass must not be negative, got \(perClass)")
    try check(spread >= 0 && spread.isFinite, "blobs: spread must be finite and not negative, got \(spread)")
    try check(centerRange >= 0 && centerRange.isFinite, "blobs: centerRange must be finite and not negative, got \(centerRange)")
    var random = SeededGenerator(seed: seed, stream: 11)
    let centers = (0..<(classes * dimensions)).map { _ in (random.nextUniform() * 2 - 1) * centerRange }
    let count = classes * perClass
    var scalars = [Float]()
    scalars.reserveCapacity(count * dimensions)
    var labels = [Int]()
    labels.reserveCapacity(count)
    for i in 0..<count {
      let c = i % classes
      labels.append(c)
      for d in 0..<dimensions { scalars.append(centers[c * dimensions + d] + spread * Float(random.nextNormal())) }
    }
    return Dataset(
      inputs: Tensor(shape: [count, dimensions], scalars: scalars), labels: labels, classCount: classes,
      classNames: (0..<classes).map { "blob \($0)" })
  }

  /// `arms` interleaved 2-D spiral arms, one class each: inputs `[arms * perArm, 2]`.
  ///
  /// Along an arm the radius grows from near 0 to 1 while the angle turns `turns` full circles;
  /// arms start `2 pi / arms` apart; `noise` is the standard deviation of the angle, in radians.
  public static func spirals(
    arms: Int = 3, perArm: Int = 100, noise: Float = 0.2, turns: Float = 1, seed: UInt64 = 0
  ) throws -> Dataset {
    try check(arms >= 1, "spirals: arms must be at least 1, got \(arms)")
    try check(perArm >= 0, "spirals: perArm must not be negative, got \(perArm)")
    try check(noise >= 0 && noise.isFinite, "spirals: noise must be finite and not negative, got \(noise)")
    try check(turns.isFinite, "spirals: turns must be finite, got \(turns)")
    var random = SeededGenerator(seed: seed, stream: 12)
    let count = arms * perArm
    var scalars = [Float]()
    scalars.reserveCapacity(count * 2)
    var labels = [Int]()
    labels.reserveCapacity(count)
    for i in 0..<count {
      let arm = i % arms
      let step = i / arms
      let radius = Float(step + 1) / Float(perArm)
      let angle = 2 * Float.pi * (Float(arm) / Float(arms) + turns * radius) + noise * Float(random.nextNormal())
      labels.append(arm)
      scalars.append(radius * cos(angle))
      scalars.append(radius * sin(angle))
    }
    return Dataset(
      inputs: Tensor(shape: [count, 2], scalars: scalars), labels: labels, classCount: arms,
      classNames: (0..<arms).map { "arm \($0)" })
  }

  private static func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw DataError(.invalidArgument, message: message()) }
  }
}
