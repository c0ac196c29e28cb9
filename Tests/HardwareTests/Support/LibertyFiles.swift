import Foundation
import Hardware

/// The Debian Liberty files the cross-checks read; tests needing one are skipped when absent.
enum LibertyFiles {
  static let osu018 = "/usr/share/qflow/tech/osu018/osu018_stdcells.lib"
  static let osu035 = "/usr/share/qflow/tech/osu035/osu035_stdcells.lib"
  static var osu018Available: Bool { FileManager.default.fileExists(atPath: osu018) }
  static var osu035Available: Bool { FileManager.default.fileExists(atPath: osu035) }

  /// A small library in Liberty syntax: an inverter, a NAND2 and an AND2 with 2 x 2 tables
  /// (load on index_1, slew on index_2, as OSU's templates), a flip-flop and a tri-state buffer.
  static let small = """
    library (tiny) {
      delay_model : table_lookup;
      time_unit : "1ns";
      voltage_unit : "1V";
      leakage_power_unit : "1nW";
      capacitive_load_unit (1, pf);
      nom_voltage : 1.8;
      lu_table_template (t2) {
        variable_1 : total_output_net_capacitance;
        variable_2 : input_net_transition;
        index_1 ("0.01, 0.1");
        index_2 ("0.1, 1.0");
      }
      power_lut_template (e2) {
        variable_1 : total_output_net_capacitance;
        variable_2 : input_transition_time;
        index_1 ("0.01, 0.1");
        index_2 ("0.1, 1.0");
      }
      cell (INV) {
        area : 16;
        cell_leakage_power : 0.5;
        pin (A) { direction : input; capacitance : 0.01; }
        pin (Y) {
          direction : output;
          function : "A'";
          timing () {
            related_pin : "A";
            timing_sense : negative_unate;
            cell_rise (t2) { values ("0.1, 0.2", \\
                                     "0.3, 0.5"); }
            cell_fall (t2) { values ("0.05, 0.15", "0.25, 0.45"); }
            rise_transition (t2) { values ("0.1, 0.1", "0.4, 0.4"); }
            fall_transition (t2) { values ("0.08, 0.08", "0.3, 0.3"); }
          }
          internal_power () {
            related_pin : "A";
            rise_power (e2) { values ("0.01, 0.03", "0.01, 0.03"); }
            fall_power (e2) { values ("0.02, 0.04", "0.02, 0.04"); }
          }
        }
      }
      cell (NAND2) {
        area : 24;
        cell_leakage_power : 1;
        pin (A) { direction : input; capacitance : 0.012; }
        pin (B) { direction : input; capacitance : 0.014; }
        pin (Y) {
          direction : output;
          function : "!(A & B)";
          timing () {
            related_pin : "A B";
            timing_sense : negative_unate;
            cell_rise (t2) { values ("0.1, 0.2", "0.3, 0.5"); }
            cell_fall (t2) { values ("0.1, 0.2", "0.3, 0.5"); }
            rise_transition (t2) { values ("0.1, 0.1", "0.4, 0.4"); }
            fall_transition (t2) { values ("0.1, 0.1", "0.4, 0.4"); }
          }
        }
      }
      cell (DFF) {
        area : 96;
        ff (IQ, IQN) { next_state : "D"; clocked_on : "CLK"; }
        pin (D) { direction : input; capacitance : 0.009; }
        pin (CLK) { direction : input; capacitance : 0.02; }
        pin (Q) { direction : output; function : "IQ"; }
      }
      cell (TBUF) {
        area : 40;
        pin (A) { direction : input; capacitance : 0.01; }
        pin (EN) { direction : input; capacitance : 0.01; }
        pin (Y) { direction : output; function : "A"; three_state : "!EN"; }
      }
    }
    """
}
