/// An and-inverter graph: two-input AND nodes joined by possibly complemented edges.
///
/// Node 0 is the constant false; primary inputs and AND nodes follow in creation
/// order, so every AND node's fanins have smaller indices (the node order is a
/// topological order). Structural hashing makes each (fanin, fanin) pair exist at
/// most once. Inputs and outputs carry names and are grouped into integer ports.
public struct AIG: Sendable {
  /// Marks an input node in `fanin0Raw`.
  @usableFromInline static let inputMarker = UInt32.max

  /// First fanin of each node (`inputMarker` for inputs, 0 for the constant).
  @usableFromInline var fanin0Raw: [UInt32] = [0]
  /// Second fanin of each node (the input index for inputs).
  @usableFromInline var fanin1Raw: [UInt32] = [0]
  /// Structural hash: packed fanin pair -> node.
  var strash: [UInt64: UInt32] = [:]

  /// The node of each primary input, in input order.
  public private(set) var inputNodes: [Int] = []
  /// The name of each primary input (`a[3]`).
  public private(set) var inputNames: [String] = []
  /// The literal driving each primary output.
  public private(set) var outputs: [Literal] = []
  /// The name of each primary output.
  public private(set) var outputNames: [String] = []
  /// Inputs grouped into integer buses.
  public private(set) var inputPorts: [Port] = []
  /// Outputs grouped into integer buses.
  public private(set) var outputPorts: [Port] = []

  /// Creates an empty graph holding only the constant node.
  public init() {}

  /// The number of nodes, the constant and the inputs included.
  @inlinable public var nodeCount: Int { fanin0Raw.count }
  /// The number of AND nodes.
  public var andCount: Int { nodeCount - 1 - inputNodes.count }
  /// The number of primary inputs.
  public var inputCount: Int { inputNodes.count }
  /// The number of primary outputs.
  public var outputCount: Int { outputs.count }

  /// Whether `node` is an AND node.
  @inlinable public func isAnd(_ node: Int) -> Bool { node > 0 && fanin0Raw[node] != AIG.inputMarker }
  /// Whether `node` is a primary input.
  @inlinable public func isInput(_ node: Int) -> Bool { fanin0Raw[node] == AIG.inputMarker }
  /// The input index of an input node.
  @inlinable public func inputIndex(ofNode node: Int) -> Int {
    precondition(isInput(node), "node \(node) is not an input")
    return Int(fanin1Raw[node])
  }
  /// The first (smaller) fanin of an AND node.
  @inlinable public func fanin0(_ node: Int) -> Literal { Literal(raw: fanin0Raw[node]) }
  /// The second (larger) fanin of an AND node.
  @inlinable public func fanin1(_ node: Int) -> Literal { Literal(raw: fanin1Raw[node]) }

  /// The literal of the input at `index`.
  public func input(_ index: Int) -> Literal { Literal(node: inputNodes[index]) }

  /// Adds a primary input named `name` and returns its literal.
  @discardableResult
  public mutating func addInput(_ name: String) -> Literal {
    let node = nodeCount
    fanin0Raw.append(AIG.inputMarker)
    fanin1Raw.append(UInt32(inputNodes.count))
    inputNodes.append(node)
    inputNames.append(name)
    return Literal(node: node)
  }

  /// Adds a `width`-bit input bus `name` (bits `name[0]` ... LSB first) and returns its bits.
  public mutating func addInputPort(_ name: String, width: Int, signed: Bool) -> [Literal] {
    let first = inputNodes.count
    let bits = (0..<width).map { addInput(width == 1 ? name : "\(name)[\($0)]") }
    inputPorts.append(Port(name: name, bits: Array(first..<first + width), isSigned: signed))
    return bits
  }

  /// Adds a primary output named `name` driven by `literal`.
  public mutating func addOutput(_ literal: Literal, name: String) {
    precondition(literal.node < nodeCount, "output literal \(literal) outside the graph")
    outputs.append(literal)
    outputNames.append(name)
  }

  /// Adds an output bus `name` driven by `bits` (LSB first).
  public mutating func addOutputPort(_ name: String, _ bits: [Literal], signed: Bool) {
    let first = outputs.count
    for (i, bit) in bits.enumerated() { addOutput(bit, name: bits.count == 1 ? name : "\(name)[\(i)]") }
    outputPorts.append(Port(name: name, bits: Array(first..<first + bits.count), isSigned: signed))
  }

  /// Replaces the driver of output `index`.
  public mutating func setOutput(_ index: Int, to literal: Literal) {
    precondition(literal.node < nodeCount, "output literal \(literal) outside the graph")
    outputs[index] = literal
  }

  /// The input port called `name`, if any.
  public func inputPort(named name: String) -> Port? { inputPorts.first { $0.name == name } }
  /// The output port called `name`, if any.
  public func outputPort(named name: String) -> Port? { outputPorts.first { $0.name == name } }

  /// The AND of two literals, found in the structural hash or created.
  ///
  /// Trivial cases (constants, equal or opposite fanins) never create a node.
  @inlinable
  public mutating func and(_ a: Literal, _ b: Literal) -> Literal {
    var x = a, y = b
    if x.raw > y.raw { swap(&x, &y) }
    if x.raw == 0 { return .false }
    if x.raw == 1 { return y }
    if x.raw == y.raw { return x }
    if x.raw ^ 1 == y.raw { return .false }
    return createAnd(x, y)
  }

  /// Looks up or creates the AND node of two ordered, non-trivial fanins.
  @usableFromInline
  mutating func createAnd(_ x: Literal, _ y: Literal) -> Literal {
    let key = UInt64(x.raw) << 32 | UInt64(y.raw)
    if let node = strash[key] { return Literal(node: Int(node)) }
    let node = nodeCount
    fanin0Raw.append(x.raw)
    fanin1Raw.append(y.raw)
    strash[key] = UInt32(node)
    return Literal(node: node)
  }

  /// The AND node with these fanins if it already exists (or the trivial result), without creating one.
  public func lookupAnd(_ a: Literal, _ b: Literal) -> Literal? {
    var x = a, y = b
    if x.raw > y.raw { swap(&x, &y) }
    if x.raw == 0 { return .false }
    if x.raw == 1 { return y }
    if x.raw == y.raw { return x }
    if x.raw ^ 1 == y.raw { return .false }
    return strash[UInt64(x.raw) << 32 | UInt64(y.raw)].map { Literal(node: Int($0)) }
  }

  /// Reserves room for `count` more nodes.
  public mutating func reserveCapacity(_ count: Int) {
    fanin0Raw.reserveCapacity(nodeCount + count)
    fanin1Raw.reserveCapacity(nodeCount + count)
    strash.reserveCapacity(strash.count + count)
  }

  /// Copies the inputs, input ports and names of `other` into this (empty) graph, returning the literal of each.
  mutating func copyInterface(of other: AIG) -> [Literal] {
    precondition(nodeCount == 1, "interface copied into a non-empty graph")
    let literals = other.inputNames.map { addInput($0) }
    inputPorts = other.inputPorts
    return literals
  }

  /// Sets the output list and ports directly (used when rebuilding a graph).
  mutating func setOutputs(_ literals: [Literal], names: [String], ports: [Port]) {
    outputs = literals
    outputNames = names
    outputPorts = ports
  }

  /// Sets the input ports directly (used when dropping inputs).
  mutating func setInputPorts(_ ports: [Port]) { inputPorts = ports }
}
