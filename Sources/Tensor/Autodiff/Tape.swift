/// A record of whole-tensor operations for reverse-mode differentiation.
///
/// Operations on `Variable`s that live on a tape append a node holding a
/// backward closure; `backward(_:)` walks the nodes newest first, so the order
/// of recording is the topological order. Saved tensors are released as soon
/// as their node has run. A tape is used for one backward pass; make a new one
/// per step. Not thread-safe: one tape belongs to one thread at a time.
public final class Tape {
  /// One recorded operation or leaf.
  struct Node {
    /// Propagates the node's output gradient to its inputs (nil for leaves).
    var backward: ((Tape, Tensor) -> Void)?
    /// The parameter a leaf stands for, which receives its gradient.
    var parameter: Parameter?
    /// Whether the gradient stays readable after the backward pass.
    var keepsGradient: Bool
  }

  var nodes: [Node] = []
  var gradients: [Tensor?] = []
  private var parameterNodes: [ObjectIdentifier: Int] = [:]
  private var hasRunBackward = false

  /// Creates an empty tape.
  public init() {}

  /// The number of recorded nodes.
  public var nodeCount: Int { nodes.count }

  /// A leaf whose gradient is kept and can be read with `gradient(of:)`.
  public func variable(_ value: Tensor) -> Variable {
    append(Node(backward: nil, parameter: nil, keepsGradient: true), value: value)
  }

  /// The leaf for a parameter: its gradient is added to `parameter.gradient` by `backward`.
  ///
  /// Asking twice for the same parameter returns the same leaf.
  public func parameter(_ parameter: Parameter) -> Variable {
    let key = ObjectIdentifier(parameter)
    if let id = parameterNodes[key] { return Variable(value: parameter.value, tape: self, id: id) }
    let v = append(Node(backward: nil, parameter: parameter, keepsGradient: false), value: parameter.value)
    parameterNodes[key] = v.id
    return v
  }

  /// Keeps the gradient of an intermediate variable so `gradient(of:)` can read it after `backward`.
  public func watch(_ variable: Variable) {
    guard variable.tape === self else { return }
    nodes[variable.id].keepsGradient = true
  }

  /// The gradient of the last `backward` loss with respect to a leaf or watched variable.
  public func gradient(of variable: Variable) -> Tensor? {
    guard variable.tape === self, variable.id < gradients.count else { return nil }
    return gradients[variable.id]
  }

  /// Propagates gradients from `loss` back to every leaf, parameter and watched variable.
  ///
  /// The seed gradient is ones of the loss's shape unless `seed` is given.
  public func backward(_ loss: Variable, seed: Tensor? = nil) {
    precondition(!hasRunBackward, "a tape runs backward once; record a new tape per step")
    guard loss.tape === self else { return }
    hasRunBackward = true
    let start = seed ?? Tensor(shape: loss.value.shape, repeating: 1)
    precondition(start.shape == loss.value.shape, "seed \(start.shape) for loss \(loss.value.shape)")
    gradients[loss.id] = start
    for i in stride(from: loss.id, through: 0, by: -1) {
      guard let g = gradients[i] else {
        nodes[i].backward = nil
        continue
      }
      if let parameter = nodes[i].parameter { parameter.accumulate(g) }
      if let backward = nodes[i].backward {
        nodes[i].backward = nil
        backward(self, g)
      }
      if !nodes[i].keepsGradient { gradients[i] = nil }
    }
    // Nodes newer than the loss do not contribute; release what they saved.
    for i in (loss.id + 1)..<nodes.count { nodes[i].backward = nil }
  }

  /// Appends an operation's output with its backward closure.
  func record(_ value: Tensor, backward: @escaping (Tape, Tensor) -> Void) -> Variable {
    append(Node(backward: backward, parameter: nil, keepsGradient: false), value: value)
  }

  private func append(_ node: Node, value: Tensor) -> Variable {
    nodes.append(node)
    gradients.append(nil)
    return Variable(value: value, tape: self, id: nodes.count - 1)
  }

  /// Adds a gradient contribution for node `id` (ignored for untracked inputs, `id < 0`).
  func accumulate(_ g: Tensor, into id: Int) {
    guard id >= 0 else { return }
    if gradients[id] == nil {
      gradients[id] = g
    } else {
      gradients[id]?.add(g)
    }
  }
}
