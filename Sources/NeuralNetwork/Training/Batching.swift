import Tensor

extension Dataset {
  /// The inputs and labels of the examples at `indices`, as one batch.
  func batch(_ indices: ArraySlice<Int>) -> (inputs: Tensor, labels: [Int]) {
    let per = inputs.count / Swift.max(count, 1)
    let scalars = [Float](unsafeUninitializedCapacity: indices.count * per) { out, initialized in
      inputs.scalars.withUnsafeBufferPointer { src in
        guard let base = src.baseAddress, let dst = out.baseAddress else { return }
        for (k, i) in indices.enumerated() { (dst + k * per).update(from: base + i * per, count: per) }
      }
      initialized = indices.count * per
    }
    var shape = inputs.shape
    shape[0] = indices.count
    return (Tensor(shape: shape, scalars: scalars), indices.map { labels[$0] })
  }
}
