/// Static timing of a netlist on an NLDM (Liberty) library, and the per-net figures the
/// gate-delay simulation and the power model take from it.
///
/// Rise and fall are propagated separately: a positive-unate arc turns a rising input into
/// a rising output, a negative-unate one into a falling output, a non-unate one both. At
/// each output the arrival is the latest over the arcs and the slew the largest (as
/// OpenSTA and ABC's `stime` do). Delays and slews come from the arc's tables at the input
/// slew and the net's load: pin capacitances of the fanout plus the library's wire-load
/// model (`wireCapacitancePerFanout`) plus `primaryOutputLoad` on primary outputs. Primary
/// inputs switch at time 0 with `primaryInputSlew`; constants never switch.
struct NLDMAnalysis: Sendable {
  /// Latest arrival of a rising and a falling edge at each net, seconds (-inf: never).
  var rise: [Double]
  var fall: [Double]
  /// Slew of each net when rising and falling, seconds.
  var riseSlew: [Double]
  var fallSlew: [Double]
  /// Where the latest arrival of (net, edge) came from: input pin of the driving cell and
  /// that input's edge (1 rise, 0 fall); -1 for none. Index `2 * net + (rise ? 1 : 0)`.
  var fromPin: [Int8]
  var fromEdge: [Int8]
  /// The mean delay of each cell-driven net over its arcs and both edges, seconds: the one
  /// delay per output the gate-delay simulation uses.
  var meanDelay: [Double]
  /// Internal energy per toggle of each net, joules: the driving cell's internal power at
  /// the net's load and its inputs' slews (mean of rise and fall, mean over related pins),
  /// plus the passive energy of the cell inputs the net drives.
  var internalEnergy: [Double]

  static let positivePairs = [(true, true), (false, false)]
  static let negativePairs = [(false, true), (true, false)]
  static let allPairs = [(true, true), (false, true), (true, false), (false, false)]

  init(_ netlist: MappedNetlist) {
    let n = netlist.netCount
    let library = netlist.library
    rise = [Double](repeating: 0, count: n)
    fall = rise
    riseSlew = [Double](repeating: library.primaryInputSlew, count: n)
    fallSlew = riseSlew
    fromPin = [Int8](repeating: -1, count: 2 * n)
    fromEdge = fromPin
    meanDelay = [Double](repeating: 0, count: n)
    internalEnergy = [Double](repeating: 0, count: n)
    for constant in 0..<min(2, n) {
      rise[constant] = -.infinity
      fall[constant] = -.infinity
      riseSlew[constant] = 0
      fallSlew[constant] = 0
    }
    for instance in netlist.instances {
      let cell = library.cells[instance.cell]
      guard let nldm = cell.nldm else { continue }
      for (o, net) in instance.outputs.enumerated() {
        let load = netlist.loads[net] * library.unitCapacitance
        var riseArrival = -Double.infinity, fallArrival = -Double.infinity
        var riseOut = 0.0, fallOut = 0.0
        var delaySum = 0.0, delayCount = 0
        for arc in nldm.arcs[o] {
          let input = instance.inputs[arc.input]
          if input < 2 { continue }
          // (input edge is rising, output edge is rising) pairs this arc allows.
          let pairs: [(Bool, Bool)]
          switch arc.sense {
          case .positiveUnate: pairs = NLDMAnalysis.positivePairs
          case .negativeUnate: pairs = NLDMAnalysis.negativePairs
          case .nonUnate: pairs = NLDMAnalysis.allPairs
          }
          for (inRise, outRise) in pairs {
            let arrival = inRise ? rise[input] : fall[input]
            if arrival == -.infinity { continue }
            let slew = inRise ? riseSlew[input] : fallSlew[input]
            guard let delayTable = outRise ? arc.cellRise : arc.cellFall else { continue }
            let delay = delayTable.value(slew: slew, load: load)
            delaySum += delay
            delayCount += 1
            let t = arrival + delay
            let key = 2 * net + (outRise ? 1 : 0)
            if outRise {
              if t > riseArrival {
                riseArrival = t
                fromPin[key] = Int8(arc.input)
                fromEdge[key] = inRise ? 1 : 0
              }
              if let table = arc.riseTransition { riseOut = max(riseOut, table.value(slew: slew, load: load)) }
            } else {
              if t > fallArrival {
                fallArrival = t
                fromPin[key] = Int8(arc.input)
                fromEdge[key] = inRise ? 1 : 0
              }
              if let table = arc.fallTransition { fallOut = max(fallOut, table.value(slew: slew, load: load)) }
            }
          }
        }
        rise[net] = riseArrival
        fall[net] = fallArrival
        riseSlew[net] = riseOut
        fallSlew[net] = fallOut
        meanDelay[net] = delayCount > 0 ? delaySum / Double(delayCount) : 0
        var energy = 0.0, related = 0
        for entry in nldm.outputEnergy[o] {
          let slew: Double
          if let pin = entry.input {
            let input = instance.inputs[pin]
            slew = (riseSlew[input] + fallSlew[input]) / 2
          } else {
            let inputs = instance.inputs
            slew = inputs.isEmpty ? 0 : inputs.reduce(0) { $0 + (riseSlew[$1] + fallSlew[$1]) / 2 } / Double(inputs.count)
          }
          energy += entry.meanEnergy(slew: slew, load: load)
          related += 1
        }
        internalEnergy[net] += related > 0 ? energy / Double(related) : 0
      }
      for (pin, input) in instance.inputs.enumerated() where input >= 2 {
        guard let entry = nldm.inputEnergy[pin] else { continue }
        internalEnergy[input] += entry.meanEnergy(slew: (riseSlew[input] + fallSlew[input]) / 2, load: 0)
      }
    }
  }
}
