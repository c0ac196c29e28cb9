import Foundation
import Testing

@testable import NeuralNetwork
@testable import Tensor

/// Optimiser trajectories over 30 steps against a Double reference written from PyTorch's
/// documented update rules (torch.optim.SGD, Adam and AdamW, "Algorithm" sections of their
/// documentation), on a quadratic whose gradient depends on where the weights are, so every
/// step's error would carry into the next.
///
/// The reference below is written independently of Sources; `PyTorchFixtureTests` compares
/// the same trajectories with ones recorded from PyTorch itself.
@Suite struct OptimizerTrajectoryTests {
  /// f(w) = 1/2 sum a_i (w_i - c_i)^2, gradient a_i (w_i - c_i).
  static let a: [Double] = [0.5, 2, 1, 3, 0.1]
  static let c: [Double] = [1, -1, 0.5, 2, -3]
  static let start: [Double] = [0.3, 0.8, -1.2, 2.5, 0]
  static let steps = 30

  static func gradient(_ w: [Double]) -> [Double] { (0..<w.count).map { a[$0] * (w[$0] - c[$0]) } }

  /// PyTorch SGD: g += wd w; b = g (first step) or mu b + g; g = g + mu b (Nesterov) or b; w -= lr g.
  static func referenceSGD(lr: Double, momentum mu: Double, nesterov: Bool, weightDecay wd: Double) -> [[Double]] {
    var w = start
    var b = [Double](repeating: 0, count: w.count)
    var path: [[Double]] = []
    for t in 1...steps {
      let grad = gradient(w)
      for i in w.indices {
        var g = grad[i] + wd * w[i]
        if mu != 0 {
          b[i] = t == 1 ? g : mu * b[i] + g
          g = nesterov ? g + mu * b[i] : b[i]
        }
        w[i] -= lr * g
      }
      path.append(w)
    }
    return path
  }

  /// PyTorch Adam (L2: g += wd w) and AdamW (w *= 1 - lr wd first), bias-corrected moments.
  static func referenceAdam(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay wd: Double, decoupled: Bool)
    -> [[Double]]
  {
    var w = start
    var m = [Double](repeating: 0, count: w.count)
    var v = m
    var path: [[Double]] = []
    for t in 1...steps {
      let grad = gradient(w)
      for i in w.indices {
        var g = grad[i]
        if decoupled { w[i] *= 1 - lr * wd } else { g += wd * w[i] }
        m[i] = beta1 * m[i] + (1 - beta1) * g
        v[i] = beta2 * v[i] + (1 - beta2) * g * g
        let mHat = m[i] / (1 - Foundation.pow(beta1, Double(t)))
        let vHat = v[i] / (1 - Foundation.pow(beta2, Double(t)))
        w[i] -= lr * mHat / (vHat.squareRoot() + eps)
      }
      path.append(w)
    }
    return path
  }

  /// The engine's trajectory: the same gradient, computed from the Float weights each step.
  static func trajectory(_ optimizer: Optimizer) -> [[Double]] {
    let p = Parameter(Tensor(shape: [start.count], scalars: start.map(Float.init)))
    var path: [[Double]] = []
    for _ in 0..<steps {
      p.gradient = Tensor(shape: [start.count], scalars: gradient(p.value.scalars.map(Double.init)).map(Float.init))
      #expect(optimizer.step([p]))
      path.append(p.value.scalars.map(Double.init))
    }
    return path
  }

  /// Every step within 1e-4 of the reference, relative to the weights' scale (Float32 rounding
  /// over 30 steps); the trajectory moves far more than that (a control on the comparison).
  static func expectClose(_ ours: [[Double]], _ reference: [[Double]], _ what: String) {
    #expect(ours.count == steps && reference.count == steps)
    let worst = zip(ours, reference).map { zip($0, $1).map { abs($0 - $1) }.max() ?? .infinity }.max() ?? .infinity
    #expect(worst < 1e-4, "\(what): worst step differs by \(worst)")
    let moved = zip(reference.last ?? [], start).map { abs($0 - $1) }.max() ?? 0
    #expect(moved > 0.1, "\(what): the trajectory moves (\(moved))")
  }

  @Test(arguments: [(0.0, false, 0.0), (0.9, false, 0.0), (0.9, true, 0.0), (0.5, false, 0.05), (0.8, true, 0.01)])
  func sgdFollowsPyTorchsRule(momentum: Double, nesterov: Bool, weightDecay: Double) {
    let ours = Self.trajectory(
      SGD(learningRate: 0.05, momentum: Float(momentum), nesterov: nesterov, weightDecay: Float(weightDecay)))
    let reference = Self.referenceSGD(lr: 0.05, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
    Self.expectClose(ours, reference, "SGD momentum \(momentum) nesterov \(nesterov) wd \(weightDecay)")
  }

  @Test(arguments: [(0.0, false), (0.1, false), (0.1, true)])
  func adamAndAdamWFollowPyTorchsRule(weightDecay: Double, decoupled: Bool) {
    let ours = Self.trajectory(
      Adam(learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: Float(weightDecay), decoupled: decoupled))
    let reference = Self.referenceAdam(lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: weightDecay, decoupled: decoupled)
    Self.expectClose(ours, reference, "Adam wd \(weightDecay) decoupled \(decoupled)")
  }

  /// A control: the reference for momentum 0.9 is not the trajectory without momentum.
  @Test func theComparisonTellsOptimisersApart() {
    let ours = Self.trajectory(SGD(learningRate: 0.05, momentum: 0))
    let other = Self.referenceSGD(lr: 0.05, momentum: 0.9, nesterov: false, weightDecay: 0)
    let worst = zip(ours, other).map { zip($0, $1).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
    #expect(worst > 1e-2)
  }
}

/// The trajectories recorded from PyTorch itself (`Benchmarks/peers/record_optimizer_trajectories.py`,
/// float64) on the quadratic above: the engine's optimisers and the written reference both
/// follow them.
@Suite struct PyTorchFixtureTests {
  struct Run: Decodable {
    var optimizer: String
    var momentum: Double?
    var nesterov: Bool?
    var weight_decay: Double
    var path: [[Double]]
  }

  struct Record: Decodable {
    var torch: String
    var lr: Double
    var a: [Double]
    var c: [Double]
    var start: [Double]
    var steps: Int
    var runs: [Run]
  }

  static func record() throws -> Record {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/optimizer-trajectories.json")
    return try JSONDecoder().decode(Record.self, from: Data(contentsOf: file))
  }

  @Test func theFixturesAreTheTestsProblem() throws {
    let record = try Self.record()
    typealias T = OptimizerTrajectoryTests
    #expect(record.a == T.a && record.c == T.c && record.start == T.start && record.steps == T.steps && record.lr == 0.05)
    #expect(record.runs.count == 8)
  }

  @Test func theEngineFollowsPyTorchsRecordedTrajectories() throws {
    typealias T = OptimizerTrajectoryTests
    for run in try Self.record().runs {
      let optimizer: Optimizer
      let reference: [[Double]]
      switch run.optimizer {
      case "sgd":
        let (momentum, nesterov) = (run.momentum ?? 0, run.nesterov ?? false)
        optimizer = SGD(learningRate: 0.05, momentum: Float(momentum), nesterov: nesterov, weightDecay: Float(run.weight_decay))
        reference = T.referenceSGD(lr: 0.05, momentum: momentum, nesterov: nesterov, weightDecay: run.weight_decay)
      default:
        let decoupled = run.optimizer == "adamw"
        optimizer = Adam(
          learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: Float(run.weight_decay), decoupled: decoupled)
        reference = T.referenceAdam(lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: run.weight_decay, decoupled: decoupled)
      }
      let what = "\(run.optimizer) momentum \(run.momentum ?? 0) nesterov \(run.nesterov ?? false) wd \(run.weight_decay)"
      T.expectClose(T.trajectory(optimizer), run.path, "engine vs PyTorch, \(what)")
      // The written reference agrees with PyTorch to float64 rounding.
      let worst = zip(reference, run.path).map { zip($0, $1).map { abs($0 - $1) }.max() ?? .infinity }.max() ?? .infinity
      #expect(worst < 1e-12, "written reference vs PyTorch, \(what): \(worst)")
    }
  }
}
