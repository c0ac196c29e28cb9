/// Maps an AIG onto library cells: cut-based, phase-aware, area-oriented (area flow).
///
/// Every AND node is implemented in either polarity by the cheapest cell whose function,
/// with its pins assigned to the leaves of one of the node's cuts (up to `cutSize` leaves,
/// three for the 45 nm library and four when a library has four-input cells, in either
/// polarity), equals the node's function over that cut; a polarity can also come
/// from the other through an inverter. Full and half adders are found first as pairs of
/// nodes over the same leaves (an XOR3 node and a majority node; an XOR2 node and an AND
/// node); a full adder is imposed on its two nodes, a half adder offered to both at half its
/// cost each, and the cover with adders is kept only if it beats the cover without. The
/// cost of a choice is its transistors plus its leaves' costs shared among their fanouts
/// (area flow), so the cover extracted from the outputs is small in area (transistors for the
/// 45 nm library). Cells are matched by their truth tables, so any library with an inverter
/// and a two-input AND-type cell will do; adders are used when the library has cells whose
/// outputs are the sum and carry functions.
struct TechnologyMapper {
  /// A way to implement one polarity of a node (a plain struct: the DP fills one per
  /// node and polarity, and arrays inside would cost an allocation each).
  struct Choice {
    enum Kind: UInt8 { case unset, input, constant, inverter, alias, cell, adder }
    var kind: Kind = .unset
    /// The cell of a `.cell` choice (its index in the library).
    var cell: Int32 = 0
    /// Leaves in pin order (`.cell`), the aliased node (`.alias`, in `leaf0`).
    var leaf0: Int32 = 0, leaf1: Int32 = 0, leaf2: Int32 = 0, leaf3: Int32 = 0
    /// Bit `i`: leaf `i` is needed complemented (`.cell`, `.alias`); the value (`.constant`).
    var phases: UInt8 = 0
    var count: UInt8 = 0
    /// The input index (`.input`), the box (`.adder`).
    var index: Int32 = 0
    /// The box output (`.adder`).
    var output: UInt8 = 0

    func leaf(_ i: Int) -> Int { Int(i == 0 ? leaf0 : i == 1 ? leaf1 : i == 2 ? leaf2 : leaf3) }
  }

  /// A library cell that is a full or half adder: its index and which output pins give the
  /// sum and the carry.
  struct AdderCell {
    var cell: Int
    var sumPin: Int
    var carryPin: Int

    /// The cell of `library` (the smallest) whose two outputs are `sum` and `carry` over
    /// `arity` inputs, in either order.
    static func find(in library: CellLibrary, arity: Int, sum: UInt16, carry: UInt16) -> AdderCell? {
      var best: AdderCell?
      for (i, cell) in library.cells.enumerated() where cell.arity == arity && cell.functions.count == 2 {
        let f = cell.functions
        let found: AdderCell? = f == [sum, carry] ? AdderCell(cell: i, sumPin: 0, carryPin: 1)
          : f == [carry, sum] ? AdderCell(cell: i, sumPin: 1, carryPin: 0) : nil
        if let found, best.map({ cell.area < library.cells[$0.cell].area }) ?? true { best = found }
      }
      return best
    }
  }

  /// A full or half adder found in the graph.
  struct AdderBox {
    var isFull: Bool
    /// The leaf nodes in pin order and the polarity each pin needs.
    var leaves: [Int]
    var phases: [Bool]
    /// Each output pin's node and the polarity of that node it provides.
    var nodes: [Int]
    var outputPhases: [Bool]
  }

  let aig: AIG
  let library: CellLibrary
  let useAdders: Bool
  let cutSize: Int
  let inverter: Int
  let fullAdder: AdderCell?
  let halfAdder: AdderCell?
  var refs: [Int]
  var cost: [Double]
  var choice: [Choice]
  var boxes: [AdderBox] = []
  var boxesOfNode: [[(box: Int, output: Int)]]

  /// A mapper for a library that passed `checkMappable` (it has an inverter).
  init(aig: AIG, library: CellLibrary, useAdders: Bool, cutSize: Int) {
    self.aig = aig
    self.library = library
    self.useAdders = useAdders
    self.cutSize = cutSize
    guard let inverter = library.cellIndex(of: .inv) else { preconditionFailure("library \(library.name) has no inverter") }
    self.inverter = inverter
    fullAdder = AdderCell.find(in: library, arity: 3, sum: 0x9696, carry: 0xE8E8)
    halfAdder = AdderCell.find(in: library, arity: 2, sum: 0x6666, carry: 0x8888)
    refs = [Int](repeating: 0, count: aig.nodeCount)
    for node in 1..<aig.nodeCount where aig.isAnd(node) {
      refs[aig.fanin0(node).node] += 1
      refs[aig.fanin1(node).node] += 1
    }
    for literal in aig.outputs { refs[literal.node] += 1 }
    cost = [Double](repeating: .infinity, count: aig.nodeCount * 2)
    choice = [Choice](repeating: Choice(), count: aig.nodeCount * 2)
    boxesOfNode = [[(box: Int, output: Int)]](repeating: [], count: aig.nodeCount)
  }

  /// A single-output cell placed on a cut: pin `i` reads leaf `pins[i]`, complemented
  /// where bit `pins[i]` of `phases` is set.
  struct Match {
    var cell: Int32
    var pins: (UInt8, UInt8, UInt8, UInt8)
    var phases: UInt8
    var area: Double

    func pin(_ i: Int) -> Int { Int(i == 0 ? pins.0 : i == 1 ? pins.1 : i == 2 ? pins.2 : pins.3) }
  }

  /// The largest cut the mapper enumerates for `library`: 3, or 4 when a single-output
  /// cell has four inputs.
  static func cutSize(for library: CellLibrary) -> Int {
    library.cells.contains { $0.outputPins.count == 1 && $0.arity == 4 } ? 4 : 3
  }

  /// The matches of every function of one to `cutSize` leaves: `table[k][tt & mask]`
  /// (a table over k leaves repeats with period `2^k` bits). Of cells with the same
  /// function only the smallest is offered.
  static func matchTable(_ library: CellLibrary, cutSize: Int) -> [[[Match]]] {
    var table: [[[Match]]] = (0...cutSize).map { [[Match]](repeating: [], count: 1 << (1 << $0)) }
    for (index, cell) in library.cells.enumerated()
    where cell.outputPins.count == 1 && cell.arity >= 1 && cell.arity <= cutSize
      && library.cellIndex(of: cell.kind) == index {
      let k = cell.arity
      for pins in permutations(k) {
        for phases in 0..<(1 << k) {
          let tt = TruthTable4.compose(cell.functions[0], arity: k, pins: pins, phases: phases)
          let p = pins + [0, 0, 0, 0]
          table[k][Int(tt) & ((1 << (1 << k)) - 1)].append(Match(
            cell: Int32(index), pins: (UInt8(p[0]), UInt8(p[1]), UInt8(p[2]), UInt8(p[3])), phases: UInt8(phases),
            area: cell.area))
        }
      }
    }
    return table
  }

  static func permutations(_ n: Int) -> [[Int]] {
    if n <= 1 { return [Array(0..<n)] }
    var result: [[Int]] = []
    for p in permutations(n - 1) {
      for position in 0...p.count {
        var q = p
        q.insert(n - 1, at: position)
        result.append(q)
      }
    }
    return result
  }

  mutating func run(cuts: [[Cut]], table: [[[Match]]]) -> MappedNetlist {
    if useAdders { findAdders(cuts) }
    return cover(cuts, table: table)
  }

  mutating func cover(_ cuts: [[Cut]], table: [[[Match]]]) -> MappedNetlist {
    let inverterArea = library.cells[inverter].area

    for (index, node) in aig.inputNodes.enumerated() {
      cost[node * 2] = 0
      choice[node * 2] = Choice(kind: .input, index: Int32(index))
      cost[node * 2 + 1] = inverterArea
      choice[node * 2 + 1] = Choice(kind: .inverter)
    }
    cost[0] = 0
    choice[0] = Choice(kind: .constant, phases: 0)
    cost[1] = 0
    choice[1] = Choice(kind: .constant, phases: 1)

    for node in 1..<aig.nodeCount where aig.isAnd(node) {
      // A node of a full adder takes the adder: area flow cannot see that the gates of the
      // alternative are private to this adder, and would split it into cheaper-looking gates.
      if let (box, output) = boxesOfNode[node].first, boxes[box].isFull {
        let b = boxes[box]
        var c = adderArea(b)
        for (leaf, leafPhase) in zip(b.leaves, b.phases) { c += flow(leaf, leafPhase) }
        let phase = b.outputPhases[output] ? 1 : 0
        cost[node * 2 + phase] = c / 2
        choice[node * 2 + phase] = Choice(kind: .adder, index: Int32(box), output: UInt8(output))
        cost[node * 2 + 1 - phase] = c / 2 + inverterArea
        choice[node * 2 + 1 - phase] = Choice(kind: .inverter)
        continue
      }
      for phase in 0..<2 {
        var best = Double.infinity
        var bestChoice = Choice()
        for cut in cuts[node] where !(cut.count == 1 && cut.leaf(0) == node) {
          let tt = phase == 1 ? ~cut.truthTable : cut.truthTable
          if cut.count == 0 {
            best = 0
            bestChoice = Choice(kind: .constant, phases: UInt8(tt & 1))
            continue
          }
          if cut.count == 1 && (tt == 0xAAAA || tt == 0x5555) {
            let leafPhase = tt == 0x5555
            let c = flow(cut.leaf(0), leafPhase)
            if c < best {
              best = c
              bestChoice = Choice(kind: .alias, leaf0: Int32(cut.leaf(0)), phases: leafPhase ? 1 : 0)
            }
            continue
          }
          guard cut.count <= cutSize else { continue }
          for match in table[cut.count][Int(tt) & ((1 << (1 << cut.count)) - 1)] {
            var c = match.area
            var pinPhases: UInt8 = 0
            for pin in 0..<cut.count {
              let leafIndex = match.pin(pin)
              let leafPhase = (match.phases >> UInt8(leafIndex)) & 1 == 1
              if leafPhase { pinPhases |= 1 << UInt8(pin) }
              c += flow(cut.leaf(leafIndex), leafPhase)
            }
            if c < best {
              best = c
              bestChoice = Choice(
                kind: .cell, cell: match.cell, leaf0: Int32(cut.leaf(match.pin(0))),
                leaf1: cut.count > 1 ? Int32(cut.leaf(match.pin(1))) : 0,
                leaf2: cut.count > 2 ? Int32(cut.leaf(match.pin(2))) : 0,
                leaf3: cut.count > 3 ? Int32(cut.leaf(match.pin(3))) : 0, phases: pinPhases, count: UInt8(cut.count))
            }
          }
        }
        for (box, output) in boxesOfNode[node] where boxes[box].outputPhases[output] == (phase == 1) {
          let b = boxes[box]
          var c = adderArea(b)
          for (leaf, leafPhase) in zip(b.leaves, b.phases) { c += flow(leaf, leafPhase) }
          c /= 2
          if c < best {
            best = c
            bestChoice = Choice(kind: .adder, index: Int32(box), output: UInt8(output))
          }
        }
        cost[node * 2 + phase] = best
        choice[node * 2 + phase] = bestChoice
      }
      for phase in 0..<2 where cost[node * 2 + (1 - phase)] + inverterArea < cost[node * 2 + phase] {
        cost[node * 2 + phase] = cost[node * 2 + (1 - phase)] + inverterArea
        choice[node * 2 + phase] = Choice(kind: .inverter)
      }
    }
    return extractCover()
  }

  /// The area of the cell implementing an adder box.
  func adderArea(_ box: AdderBox) -> Double {
    guard let cell = box.isFull ? fullAdder : halfAdder else { return .infinity }
    return library.cells[cell.cell].area
  }

  /// A leaf's cost shared among its fanouts.
  func flow(_ node: Int, _ phase: Bool) -> Double {
    cost[node * 2 + (phase ? 1 : 0)] / Double(max(1, refs[node]))
  }

  /// Pairs nodes that together are a full adder (XOR3 and majority over the same three
  /// leaves) or a half adder (XOR2 and AND over the same two leaves).
  mutating func findAdders(_ cuts: [[Cut]]) {
    var xors: [[Int]: [(node: Int, complemented: Bool)]] = [:]
    for node in 1..<aig.nodeCount where aig.isAnd(node) {
      for cut in cuts[node] where cut.count == 3 || cut.count == 2 {
        let tt = cut.truthTable
        let isXor3 = cut.count == 3 && (tt == 0x9696 || tt == 0x6969)
        let isXor2 = cut.count == 2 && (tt == 0x6666 || tt == 0x9999)
        if isXor3 || isXor2 {
          xors[cut.leafList, default: []].append((node, tt == 0x6969 || tt == 0x9999))
        }
      }
    }
    // Majority and AND functions with input and output polarities: tt -> (input phases, output phase).
    var majority: [UInt16: (Int, Bool)] = [:]
    var conjunction: [UInt16: (Int, Bool)] = [:]
    for phases in 0..<8 {
      let tt = TruthTable4.compose(0xE8E8, arity: 3, pins: [0, 1, 2], phases: phases)
      for q in [false, true] {
        let key = q ? ~tt : tt
        if let existing = majority[key], existing.0.nonzeroBitCount <= phases.nonzeroBitCount { continue }
        majority[key] = (phases, q)
      }
    }
    for phases in 0..<4 {
      let tt = TruthTable4.compose(0x8888, arity: 2, pins: [0, 1], phases: phases)
      for q in [false, true] { conjunction[q ? ~tt : tt] = (phases, q) }
    }
    // Full adders first: a half adder claiming an XOR3's outer XOR would hide the full adder.
    var used = Set<Int>()
    for size in [3, 2] where (size == 3 ? fullAdder : halfAdder) != nil {
    for node in 1..<aig.nodeCount where aig.isAnd(node) && !used.contains(node) {
      for cut in cuts[node] where cut.count == size {
        let full = cut.count == 3
        guard let (phases, q) = (full ? majority : conjunction)[cut.truthTable],
              let candidates = xors[cut.leafList],
              let partner = candidates.first(where: { $0.node != node && !used.contains($0.node) })
        else { continue }
        let leafPhases = (0..<cut.count).map { (phases >> $0) & 1 == 1 }
        // The sum pin gives xor(leaves) complemented by the pin phases; the node is that
        // complemented by its own xnor flag.
        let sumPhase = leafPhases.reduce(partner.complemented) { $0 != $1 }
        let box = AdderBox(
          isFull: full, leaves: cut.leafList, phases: leafPhases,
          nodes: [partner.node, node], outputPhases: [sumPhase, q])
        boxesOfNode[partner.node].append((boxes.count, 0))
        boxesOfNode[node].append((boxes.count, 1))
        boxes.append(box)
        used.insert(node)
        used.insert(partner.node)
        break
      }
    }
    }
  }

  /// Builds the netlist from the outputs down, instantiating each (node, polarity) once.
  func extractCover() -> MappedNetlist {
    var instances: [MappedNetlist.Instance] = []
    var netOf = [Int](repeating: -1, count: aig.nodeCount * 2)
    var boxNets = [[Int]?](repeating: nil, count: boxes.count)
    var netCount = 2
    var inputNets: [Int] = []
    for node in aig.inputNodes {
      netOf[node * 2] = netCount
      inputNets.append(netCount)
      netCount += 1
    }
    netOf[0] = 0
    netOf[1] = 1

    func net(_ node: Int, _ phase: Bool) -> Int {
      let key = node * 2 + (phase ? 1 : 0)
      if netOf[key] >= 0 { return netOf[key] }
      let result: Int
      let c = choice[key]
      switch c.kind {
      case .input:
        result = inputNets[Int(c.index)]
      case .constant:
        result = Int(c.phases)
      case .inverter:
        let source = net(node, !phase)
        result = netCount
        netCount += 1
        instances.append(.init(cell: inverter, kind: .inv, inputs: [source], outputs: [result]))
      case .alias:
        result = net(c.leaf(0), c.phases & 1 == 1)
      case .cell:
        let inputs = (0..<Int(c.count)).map { net(c.leaf($0), (c.phases >> UInt8($0)) & 1 == 1) }
        result = netCount
        netCount += 1
        let cell = Int(c.cell)
        instances.append(.init(cell: cell, kind: library.cells[cell].kind, inputs: inputs, outputs: [result]))
      case .adder:
        let box = Int(c.index), output = Int(c.output)
        if let nets = boxNets[box] {
          result = nets[output]
        } else {
          let b = boxes[box]
          let inputs = zip(b.leaves, b.phases).map { net($0, $1) }
          let outs = [netCount, netCount + 1]
          netCount += 2
          guard let adder = b.isFull ? fullAdder : halfAdder else { preconditionFailure("an adder box without an adder cell") }
          // Box output 0 is the sum, 1 the carry; the cell's pins may come in either order.
          var pinNets = [0, 0]
          pinNets[adder.sumPin] = outs[0]
          pinNets[adder.carryPin] = outs[1]
          instances.append(.init(cell: adder.cell, kind: library.cells[adder.cell].kind, inputs: inputs, outputs: pinNets))
          boxNets[box] = outs
          // The box also provides its other node's polarity: record it for reuse.
          for (o, n) in b.nodes.enumerated() {
            let k = n * 2 + (b.outputPhases[o] ? 1 : 0)
            if netOf[k] < 0 { netOf[k] = outs[o] }
          }
          result = outs[output]
        }
      case .unset:
        preconditionFailure("node \(node) polarity \(phase) has no implementation")
      }
      netOf[key] = result
      return result
    }

    let outputNets = aig.outputs.map { net($0.node, $0.isComplemented) }
    return MappedNetlist(
      library: library, instances: instances, netCount: netCount, inputNets: inputNets, inputNames: aig.inputNames,
      outputNets: outputNets, outputNames: aig.outputNames, inputPorts: aig.inputPorts, outputPorts: aig.outputPorts)
  }
}

extension AIG {
  /// The circuit mapped onto `library`'s cells, minimising area (see `TechnologyMapper`).
  ///
  /// With `adders` false no full or half adder cells are used. The library must have the
  /// cells the mapper needs (every named library does); `technologyMapped(to:adders:)`
  /// throws instead when it does not.
  public func mapped(to library: CellLibrary = .cmos45nm, adders: Bool = true) -> MappedNetlist {
    do {
      return try technologyMapped(to: library, adders: adders)
    } catch {
      preconditionFailure("\(error)")
    }
  }

  /// The circuit mapped onto `library`'s cells, minimising area; throws when the library
  /// lacks a cell the mapper needs (an inverter, a two-input AND-type cell).
  public func technologyMapped(to library: CellLibrary, adders: Bool = true) throws -> MappedNetlist {
    try library.checkMappable()
    let cutSize = TechnologyMapper.cutSize(for: library)
    let cuts = enumerateCuts(size: cutSize, limit: 12)
    let table = TechnologyMapper.matchTable(library, cutSize: cutSize)
    var plain = TechnologyMapper(aig: self, library: library, useAdders: false, cutSize: cutSize)
    let withoutAdders = plain.run(cuts: cuts, table: table)
    guard adders else { return withoutAdders }
    // Full adders are imposed where found; keep that cover only when it is smaller.
    var mapper = TechnologyMapper(aig: self, library: library, useAdders: true, cutSize: cutSize)
    let withAdders = mapper.run(cuts: cuts, table: table)
    return withAdders.area <= withoutAdders.area ? withAdders : withoutAdders
  }
}
