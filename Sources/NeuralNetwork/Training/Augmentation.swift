import Tensor

/// Random image augmentation for training batches (NCHW), drawn from a seeded stream.
public struct Augmentation: Sendable, Equatable {
  /// Zero padding on every side before a random crop back to the original size (0 = no crop).
  public var cropPadding: Int
  /// Whether to mirror each image left-right with probability 1/2.
  public var horizontalFlip: Bool

  /// Creates the augmentation.
  public init(cropPadding: Int = 0, horizontalFlip: Bool = false) {
    self.cropPadding = cropPadding
    self.horizontalFlip = horizontalFlip
  }

  /// No augmentation.
  public static let none = Augmentation()

  /// Whether the augmentation changes anything.
  public var isIdentity: Bool { cropPadding == 0 && !horizontalFlip }

  /// The batch with each image shifted (random crop of the padded image) and possibly flipped.
  public func apply(to batch: Tensor, generator: inout SeededGenerator) -> Tensor {
    guard !isIdentity, batch.shape.count == 4 else { return batch }
    let (n, c, h, w) = (batch.shape[0], batch.shape[1], batch.shape[2], batch.shape[3])
    let p = cropPadding
    var out = [Float](repeating: 0, count: batch.count)
    batch.scalars.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for i in 0..<n {
          // Offsets of the crop window in the padded image, minus the padding.
          let dy = p > 0 ? generator.nextInt(below: 2 * p + 1) - p : 0
          let dx = p > 0 ? generator.nextInt(below: 2 * p + 1) - p : 0
          let flip = horizontalFlip && generator.nextUniform() < 0.5
          for ch in 0..<c {
            let base = (i * c + ch) * h * w
            for y in 0..<h {
              let sy = y + dy
              if sy < 0 || sy >= h { continue }
              for x in 0..<w {
                let sx = (flip ? w - 1 - x : x) + dx
                if sx < 0 || sx >= w { continue }
                dst[base + y * w + x] = src[base + sy * w + sx]
              }
            }
          }
        }
      }
    }
    return Tensor(shape: batch.shape, scalars: out)
  }
}
