import Tensor

/// Which orthogonality penalty keeps a convolution's filters apart.
public enum OrthogonalityKind: String, Sendable, Equatable, CaseIterable, Codable {
  /// `||K Kᵀ − I||_F` with `K` the kernels flattened per output filter (the talk's formula).
  ///
  /// With more filters than inputs per filter (`out > in·k·k`, a first layer on a grey image)
  /// `K Kᵀ` has rank below `out` and cannot be the identity, so the smaller Gram matrix
  /// `Kᵀ K` is used instead, as in Wang et al.'s `orth_dist`.
  case kernel
  /// `||conv(K, K) − I_center||_F`: the convolutional orthogonality of Wang et al. (CVPR 2020),
  /// as in the class-aware-pruning authors' code (stride 1, padding 1).
  case convolutional
}

/// The orthogonality penalties of one convolution weight `[out, in, k, k]`, on the tape.
public enum Orthogonality {
  /// `||K Kᵀ − I||_F` (or `||Kᵀ K − I||_F` when there are more filters than inputs per filter).
  public static func kernel(_ weight: Variable) throws -> Variable {
    guard weight.shape.count >= 2 else {
      throw ClassAwarePruningError(.invalidSetting, "orthogonality needs a weight with a filter axis, got \(weight.shape)")
    }
    let rows = weight.shape[0]
    let columns = weight.shape.dropFirst().reduce(1, *)
    let k = try weight.reshaped(to: [rows, columns])
    // The Gram matrix of the shorter side is the one that can reach the identity.
    let gram = rows <= columns
      ? try Variable.matmul(k, k, transposeB: true)
      : try Variable.matmul(k, k, transposeA: true)
    let n = Swift.min(rows, columns)
    return try Variable.combine(gram, Variable(Tensor(identity: n)), .subtract).frobeniusNorm()
  }

  /// `||conv(K, K; stride, padding) − T||_F` where `T[i, j]` is zero except `T[i, i]` at the centre.
  ///
  /// The kernels are convolved with each other as if they were a batch of `out` images with
  /// `in` channels; the result `[out, out, h, w]` holds every pair's correlation at every
  /// shift, which is the identity at the centre for orthogonal convolutions.
  public static func convolutional(_ weight: Variable, stride: Int = 1, padding: Int = 1) throws -> Variable {
    guard weight.shape.count == 4 else {
      throw ClassAwarePruningError(.invalidSetting, "convolutional orthogonality needs a weight [out, in, k, k], got \(weight.shape)")
    }
    guard stride > 0, padding >= 0 else {
      throw ClassAwarePruningError(.invalidSetting, "convolutional orthogonality needs stride > 0 and padding >= 0")
    }
    let out = weight.shape[0]
    // At stride 1 (the authors' setting) as products of the filters' slices: the same numbers,
    // a fraction of a convolution's cost on planes this small.
    let correlation = stride == 1
      ? try Variable.selfCorrelation(weight, padding: (padding, padding))
      : try Variable.conv2d(weight, weight: weight, stride: (stride, stride), padding: (padding, padding))
    let (h, w) = (correlation.shape[2], correlation.shape[3])
    // The centre as the authors' code takes it: floor(w / 2) in both directions.
    let centre = w / 2
    var target = Tensor(zeros: [out, out, h, w])
    guard centre < h else {
      throw ClassAwarePruningError(.invalidSetting, "convolutional orthogonality: no centre in a \(h)x\(w) correlation")
    }
    for i in 0..<out { target.scalars[((i * out + i) * h + centre) * w + centre] = 1 }
    return try Variable.combine(correlation, Variable(target), .subtract).frobeniusNorm()
  }
}
