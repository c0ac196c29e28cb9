/// Every device and array assumption of the RRAM crossbar models, with its source.
///
/// The defaults follow the RRAM preset of DNN+NeuroSim V1.3 (Peng, Huang, Lu and Yu,
/// "DNN+NeuroSim: An end-to-end benchmarking framework for compute-in-memory accelerators",
/// IEDM 2019; `Inference_pytorch/NeuroSIM/Param.cpp` of github.com/neurosim/DNN_NeuroSim_V1.3):
/// 128 x 128 sub-arrays, an on-state resistance of 6 kOhm and an on/off ratio of 150.
/// The variation model is CorrectNet's (Eldebiky et al., DATE 2023): each programmed value is
/// multiplied by `e^theta`, `theta ~ N(0, sigma^2)`, independently per device.
///
/// Conductances are in microsiemens throughout the analog models.
public enum RRAMAssumptions {
  /// Rows (word lines, one input each) of a crossbar tile: 128 (NeuroSim `numRowSubArray`).
  public static let tileRows = 128
  /// Columns (bit lines, one output each) of a crossbar tile: 128 (NeuroSim `numColSubArray`).
  public static let tileColumns = 128

  /// The low-resistance (on) state in ohms: 6 kOhm (NeuroSim `resistanceOn`).
  public static let onResistance = 6e3
  /// The high-resistance (off) state in ohms: 150 x 6 kOhm = 900 kOhm (NeuroSim `resistanceOff`).
  public static let offResistance = 6e3 * 150

  /// The largest programmable conductance in microsiemens: 1 / 6 kOhm, about 166.7 uS.
  public static let maximumConductance = 1e6 / onResistance
  /// The smallest programmable conductance in microsiemens: 1 / 900 kOhm, about 1.11 uS.
  public static let minimumConductance = 1e6 / offResistance

  /// Conductance levels of NeuroSim's reference cell (2 bits per cell, `cellBit = 2`).
  ///
  /// Not the default: CorrectNet models continuous conductances, so the default mapping
  /// has no level quantisation. Use it to model multi-level cells.
  public static let referenceLevels = 4
  /// The ADC resolution of NeuroSim's reference design: 5 bits (`levelOutput = 32`).
  ///
  /// Not the default: CorrectNet models ideal periphery, so by default neither inputs nor
  /// partial sums are quantised.
  public static let referenceADCBits = 5

  /// The smallest converter resolution the models accept (one level each side of zero when signed).
  public static let minimumConverterBits = 2
  /// The largest converter resolution the models accept (Float32 holds 24 bits exactly).
  public static let maximumConverterBits = 24
}
