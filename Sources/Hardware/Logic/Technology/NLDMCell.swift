/// The NLDM timing and power data of one Liberty cell.
public struct NLDMCell: Hashable, Sendable {
  /// How an output follows the input of an arc.
  public enum Sense: String, Hashable, Sendable {
    /// A rising input makes the output rise (AND, OR, buffer).
    case positiveUnate
    /// A rising input makes the output fall (NAND, NOR, inverter).
    case negativeUnate
    /// Either direction may follow either (XOR, multiplexer select).
    case nonUnate
  }

  /// One timing arc from an input pin to an output pin.
  public struct Arc: Hashable, Sendable {
    /// The input pin (its index in the cell's input pins).
    public var input: Int
    /// The unateness.
    public var sense: Sense
    /// Propagation delay to a rising output (`cell_rise`), seconds.
    public var cellRise: NLDMTable?
    /// Propagation delay to a falling output (`cell_fall`), seconds.
    public var cellFall: NLDMTable?
    /// Output slew when rising (`rise_transition`), seconds.
    public var riseTransition: NLDMTable?
    /// Output slew when falling (`fall_transition`), seconds.
    public var fallTransition: NLDMTable?

    /// Creates an arc.
    public init(input: Int, sense: Sense, cellRise: NLDMTable?, cellFall: NLDMTable?, riseTransition: NLDMTable?,
                fallTransition: NLDMTable?) {
      self.input = input
      self.sense = sense
      self.cellRise = cellRise
      self.cellFall = cellFall
      self.riseTransition = riseTransition
      self.fallTransition = fallTransition
    }
  }

  /// Internal energy of one transition, by direction.
  public struct Energy: Hashable, Sendable {
    /// The related input pin (its index), nil for a pin's own (passive) energy.
    public var input: Int?
    /// Energy when the pin (an output, or the input itself) rises, joules.
    public var rise: NLDMTable?
    /// Energy when it falls, joules.
    public var fall: NLDMTable?

    /// Creates an energy entry.
    public init(input: Int?, rise: NLDMTable?, fall: NLDMTable?) {
      self.input = input
      self.rise = rise
      self.fall = fall
    }

    /// The mean of the rise and fall energies at a slew and load (a net's toggles alternate
    /// between rising and falling).
    public func meanEnergy(slew: Double, load: Double) -> Double {
      let r = rise?.value(slew: slew, load: load), f = fall?.value(slew: slew, load: load)
      switch (r, f) {
      case let (r?, f?): return (r + f) / 2
      case let (r?, nil): return r / 2
      case let (nil, f?): return f / 2
      default: return 0
      }
    }
  }

  /// The timing arcs of each output pin.
  public var arcs: [[Arc]]
  /// The internal-power entries of each output pin.
  public var outputEnergy: [[Energy]]
  /// The internal (passive) energy of each input pin, when the library gives one.
  public var inputEnergy: [Energy?]

  /// Creates the data of a cell.
  public init(arcs: [[Arc]], outputEnergy: [[Energy]], inputEnergy: [Energy?]) {
    self.arcs = arcs
    self.outputEnergy = outputEnergy
    self.inputEnergy = inputEnergy
  }
}
