import Foundation
import Testing

/// What a shipped notebook's tables must hold, whatever the CPU: each table's columns and row
/// count, and values within the bounds arithmetic or physics sets (shares between 0 and 1, a
/// pruned network no larger than before, a cut equal to 1 - after / before, static figures that
/// are positive). The snapshot compares the figures themselves on the CPU that recorded them.
struct SidecarContent {
  /// One table of the sidecar.
  struct Table {
    var id: String
    var columns: [String]
    var rows: [[Any]]

    /// The number in column `name` of `row`, or nil if that cell is not a number.
    func number(_ row: [Any], _ name: String) -> Double? {
      guard let index = columns.firstIndex(of: name), index < row.count else { return nil }
      return (row[index] as? NSNumber)?.doubleValue
    }

    /// The text in column `name` of `row`.
    func text(_ row: [Any], _ name: String) -> String {
      guard let index = columns.firstIndex(of: name), index < row.count else { return "" }
      return row[index] as? String ?? "\(row[index])"
    }

    /// Every number of column `name`.
    func numbers(_ name: String) -> [Double] { rows.compactMap { number($0, name) } }
  }

  let name: String
  let tables: [String: Table]
  let sidecar: [String: Any]

  init(name: String, path: String) throws {
    self.name = name
    sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    var tables: [String: Table] = [:]
    for table in sidecar["tables"] as? [[String: Any]] ?? [] {
      let id = table["id"] as? String ?? "?"
      tables[id] = Table(id: id, columns: table["columns"] as? [String] ?? [], rows: table["rows"] as? [[Any]] ?? [])
    }
    self.tables = tables
  }

  /// The table `id` with exactly `columns` (and `rows` rows when given), or nil after recording why not.
  func table(_ id: String, _ columns: [String], rows: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Table? {
    guard let table = tables[id] else {
      Issue.record("\(name): no table \(id) (tables: \(tables.keys.sorted()))", sourceLocation: sourceLocation)
      return nil
    }
    #expect(table.columns == columns, "\(name) \(id) columns", sourceLocation: sourceLocation)
    if let rows { #expect(table.rows.count == rows, "\(name) \(id) rows", sourceLocation: sourceLocation) }
    return table
  }

  /// `value` in `range`, with a message naming the table, row and column.
  func expect(_ value: Double?, in range: ClosedRange<Double>, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let value else {
      Issue.record("\(name): \(what) is not a number", sourceLocation: sourceLocation)
      return
    }
    #expect(range.contains(value), "\(name): \(what) = \(value), outside \(range)", sourceLocation: sourceLocation)
  }

  /// `a` equals `b` to a relative 1e-9 (the same arithmetic done twice).
  func expectEqual(_ a: Double?, _ b: Double?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let a, let b else {
      Issue.record("\(name): \(what): a figure is missing", sourceLocation: sourceLocation)
      return
    }
    #expect(abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)), "\(name): \(what): \(a) vs \(b)", sourceLocation: sourceLocation)
  }

  /// "1,234 → 567" as (1234, 567).
  static func arrow(_ text: String) -> (Double, Double)? {
    let parts = text.replacingOccurrences(of: ",", with: "").components(separatedBy: " → ")
    guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]) else { return nil }
    return (a, b)
  }

  /// "12.50% ± 1.50%" or "1,234 ± 56" as (mean, spread).
  static func plusMinus(_ text: String) -> (Double, Double)? {
    let parts = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "").components(separatedBy: " ± ")
    guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]) else { return nil }
    return (a, b)
  }

  /// Checks every table's shape, then the notebook's own rules.
  func check() {
    #expect(sidecar["failed"] as? Int == 0, "\(name): failed cells")
    #expect(sidecar["not_run"] as? Int == 0, "\(name): cells not run")
    #expect(!tables.isEmpty, "\(name): no tables")
    for table in tables.values {
      #expect(!table.rows.isEmpty, "\(name) \(table.id): no rows")
      for row in table.rows { #expect(row.count == table.columns.count, "\(name) \(table.id): a row of \(row.count) cells") }
    }
    for chart in sidecar["charts"] as? [[String: Any]] ?? [] {
      let spec = chart["spec"] as? [String: Any] ?? [:]
      // A bar chart's series give a value per category and a histogram's its samples (no x);
      // the others a y per x.
      let categories = (spec["categories"] as? [Any])?.count ?? 0
      let histogram = spec["kind"] as? String == "histogram"
      for series in spec["series"] as? [[String: Any]] ?? [] {
        let (x, y) = ((series["x"] as? [Any])?.count ?? 0, (series["y"] as? [Any])?.count ?? -1)
        #expect(
          x == y || (x == 0 && (y == categories || (histogram && y > 0))),
          "\(name) \(chart["id"] ?? "?"): \(x) x, \(y) y, \(categories) categories")
      }
    }
    switch name {
    case "class-aware-pruning.md": checkClassAwarePruning()
    case "early-exit.md": checkEarlyExit()
    case "correctnet.md": checkCorrectNet()
    case "hardware-basics.md": checkHardware()
    case "getting-started.md": checkGettingStarted()
    case "power-pruning.md": checkPowerPruning()
    case "logic-design.md": checkLogicDesign()
    default: Issue.record("\(name): no content rules; add them to SidecarContent")
    }
  }

  func checkClassAwarePruning() {
    if let t = table(
      "tbl-networks",
      ["network", "stands_for", "width", "parameters", "macs", "scored_layers", "scored_filters", "train", "validation", "test"], rows: 2)
    {
      #expect(t.text(t.rows[0], "network") == "vgg16", "\(name): the first network is VGG16")
      // VGG16's thirteen convolutions are all scored.
      expectEqual(t.number(t.rows[0], "scored_layers"), 13, "vgg16 scored layers")
      for row in t.rows {
        for column in ["parameters", "macs", "scored_filters", "train", "validation", "test"] {
          expect(t.number(row, column), in: 1...1e12, "\(t.text(row, "network")) \(column)")
        }
      }
    }
    if let t = table("tbl-convergence", ["network", "seed", "epochs", "validation", "last_epoch_gain", "last_two_gain", "test", "final_loss"]) {
      #expect(t.rows.count % 2 == 0 && t.rows.count >= 2, "\(name): a baseline of each network")
      for row in t.rows {
        for column in ["validation", "test"] { expect(t.number(row, column), in: 0...1, column) }
        expect(t.number(row, "last_epoch_gain"), in: -1...1, "last_epoch_gain")
        expect(t.number(row, "final_loss"), in: 0...100, "final_loss")
      }
    }
    if let t = table("tbl-continuation", ["network", "lr", "baseline_validation", "validation", "change", "within"]) {
      let tolerance = (sidecar["parameters"] as? [String: Any])?["lr_tolerance"] as? Double
      #expect(tolerance != nil, "\(name): lr_tolerance is a parameter")
      for row in t.rows {
        let what = "\(t.text(row, "network")) lr \(t.text(row, "lr"))"
        expect(t.number(row, "validation"), in: 0...1, "\(what) validation")
        expectEqual(
          (t.number(row, "validation") ?? .nan) - (t.number(row, "baseline_validation") ?? .nan), t.number(row, "change"),
          "\(what) change")
        // The rule: a rate is within when its continuation loses no more than the tolerance.
        if let tolerance, let change = t.number(row, "change") {
          #expect(t.text(row, "within") == String(change >= -tolerance - 1e-12), "\(what): within disagrees with the change")
        }
      }
    }
    if let t = table("tbl-training", ["network", "seed", "baseline_seed", "baseline", "regularised", "regularised_validation"]) {
      #expect(t.rows.count % 2 == 0 && t.rows.count >= 4, "\(name): two networks on at least two seeds")
      for row in t.rows {
        for column in ["baseline", "regularised", "regularised_validation"] { expect(t.number(row, column), in: 0...1, column) }
      }
    }
    if let t = table("tbl-sweep", ["network", "threshold", "below", "removed", "validation", "floor", "macs_cut"]) {
      for row in t.rows {
        let what = "\(t.text(row, "network")) threshold \(t.text(row, "threshold"))"
        expect(t.number(row, "threshold"), in: 0...10, what)
        // A round removes filters below the threshold, no more.
        #expect((t.number(row, "removed") ?? .infinity) <= (t.number(row, "below") ?? -1), "\(what): removed more than were below")
        expect(t.number(row, "validation"), in: 0...1, "\(what) validation")
        expect(t.number(row, "macs_cut"), in: 0...1, "\(what) macs_cut")
        if t.number(row, "removed") == 0 { expectEqual(t.number(row, "macs_cut"), 0, "\(what): nothing removed, nothing cut") }
      }
    }
    if let t = table("tbl-rounds", ["network", "seed", "round", "below", "removed", "filters", "validation", "macs", "kept"]) {
      for run in Set(t.rows.map { t.text($0, "network") + " seed " + t.text($0, "seed") }) {
        let rows = t.rows.filter { t.text($0, "network") + " seed " + t.text($0, "seed") == run }
        #expect(rows.map { t.number($0, "round") ?? -1 } == (0..<rows.count).map(Double.init), "\(run) rounds")
        for (a, b) in zip(rows, rows.dropFirst()) {
          for column in ["filters", "macs"] {
            #expect((t.number(b, column) ?? .infinity) <= (t.number(a, column) ?? -1), "\(run) \(column) grows")
          }
          // The filters removed in a round are the drop in the filter count.
          expectEqual((t.number(a, "filters") ?? .nan) - (t.number(b, "filters") ?? .nan), t.number(b, "removed"), "\(run) removed")
        }
        for row in rows { expect(t.number(row, "validation"), in: 0...1, "\(run) validation") }
      }
    }
    if let t = table("tbl-main", ["network", "method", "seeds", "accuracy", "mac_reduction", "param_reduction"], rows: 10) {
      for network in Set(t.rows.map { t.text($0, "network") }) {
        let rows = t.rows.filter { t.text($0, "network") == network }
        #expect(rows.map { t.text($0, "method") } == ["unpruned", "class-aware", "l1", "taylor", "random"], "\(network) methods")
        for row in rows {
          let what = "\(network) \(t.text(row, "method"))"
          expect(Self.plusMinus(t.text(row, "accuracy"))?.0, in: 0...100, "\(what) accuracy %")
          expect(Self.plusMinus(t.text(row, "mac_reduction"))?.0, in: 0...100, "\(what) MAC reduction %")
          expect(Self.plusMinus(t.text(row, "param_reduction"))?.0, in: 0...100, "\(what) parameter reduction %")
        }
        #expect(Self.plusMinus(t.text(rows[0], "mac_reduction"))?.0 == 0, "\(network): the unpruned network is cut")
        // Every method is pruned to the class-aware counts: the same reductions, seed by seed.
        #expect(Set(rows.dropFirst().map { t.text($0, "mac_reduction") }).count == 1, "\(network): methods of different sizes")
      }
    }
    if let t = table("tbl-differences", ["network", "against", "per_seed", "difference", "spread", "exceeds_spread"], rows: 6) {
      for row in t.rows {
        let what = "\(t.text(row, "network")) against \(t.text(row, "against"))"
        let perSeed = t.text(row, "per_seed").components(separatedBy: ", ").compactMap { Double($0.replacingOccurrences(of: "%", with: "")) }
        #expect(perSeed.count >= 2, "\(what): per-seed differences")
        // The difference shown is the mean of the per-seed differences (to the shown rounding).
        if let mean = Self.plusMinus(t.text(row, "difference"))?.0, !perSeed.isEmpty {
          #expect(abs(mean - perSeed.reduce(0, +) / Double(perSeed.count)) <= 0.011, "\(what): \(mean) vs \(perSeed)")
        }
        expect(t.number(row, "spread"), in: 0...1, "\(what) spread")
      }
    }
    if let t = table(
      "tbl-aggregation", ["network", "aggregation", "mean_importance", "at_most_5", "removed", "test_accuracy", "mac_reduction"], rows: 4)
    {
      #expect(Set(t.rows.map { t.text($0, "aggregation") }) == ["code", "talk"], "\(name): both aggregations")
      for row in t.rows {
        let what = "\(t.text(row, "network")) \(t.text(row, "aggregation"))"
        expect(t.number(row, "mean_importance"), in: 0...10, "\(what) mean importance")
        expect(t.number(row, "at_most_5"), in: 0...1, "\(what) at_most_5")
        expect(t.number(row, "test_accuracy"), in: 0...1, "\(what) test accuracy")
        expect(t.number(row, "mac_reduction"), in: 0...1, "\(what) MAC reduction")
      }
    }
    if let t = table("tbl-premise", ["network", "stage", "filters", "at_most_2", "at_most_5", "at_most_8", "mean_importance"], rows: 6) {
      for row in t.rows {
        let what = "\(t.text(row, "network")) \(t.text(row, "stage"))"
        let shares = ["at_most_2", "at_most_5", "at_most_8"].map { Self.plusMinus(t.text(row, $0))?.0 ?? .nan }
        for share in shares { expect(share, in: 0...100, "\(what) share %") }
        // Filters serving at most 2 classes also serve at most 5, and at most 8.
        #expect(shares[0] <= shares[1] && shares[1] <= shares[2], "\(what): shares not nested: \(shares)")
        expect(Self.plusMinus(t.text(row, "mean_importance"))?.0, in: 0...10, "\(what) mean importance")
      }
    }
    if let t = table("tbl-premise-tau", ["network", "tau", "at_most_2", "at_most_5", "at_most_8", "mean_importance"]) {
      for network in Set(t.rows.map { t.text($0, "network") }) {
        let rows = t.rows.filter { t.text($0, "network") == network }
        #expect(rows.count >= 2, "\(name): \(network) scored at one τ only")
        // A larger τ counts fewer activations: no filter's importance can rise, so neither can the
        // mean, and the share of filters below any count cannot fall.
        for (a, b) in zip(rows, rows.dropFirst()) {
          #expect((t.number(a, "tau") ?? .nan) < (t.number(b, "tau") ?? .nan), "\(network): τ not increasing")
          #expect((t.number(b, "mean_importance") ?? .nan) <= (t.number(a, "mean_importance") ?? .nan), "\(network): importance rose with τ")
          for column in ["at_most_2", "at_most_5", "at_most_8"] {
            #expect((t.number(b, column) ?? .nan) >= (t.number(a, column) ?? .nan), "\(network): \(column) fell with τ")
          }
        }
      }
    }
    if let t = table(
      "tbl-premise-sweep",
      ["setting", "width", "images_seen", "test_accuracy", "at_most_2", "at_most_5", "at_most_8", "mean_importance"])
    {
      for row in t.rows {
        let what = t.text(row, "setting")
        let shares = ["at_most_2", "at_most_5", "at_most_8"].map { t.number(row, $0) ?? .nan }
        for share in shares { expect(share, in: 0...1, "\(what) share") }
        #expect(shares[0] <= shares[1] && shares[1] <= shares[2], "\(what): shares not nested: \(shares)")
        expect(t.number(row, "mean_importance"), in: 0...10, "\(what) mean importance")
        expect(t.number(row, "test_accuracy"), in: 0...1, "\(what) test accuracy")
      }
    }
  }

  func checkEarlyExit() {
    let parameters = sidecar["parameters"] as? [String: Any] ?? [:]
    let seeds = (parameters["seeds"] as? [Any])?.count ?? -1
    let tolerances = (parameters["sweep"] as? [Any])?.count ?? -1
    let testImages = parameters["test"] as? Int ?? 0
    var networkMACs: [String: Double] = [:]
    if let t = table("tbl-networks", ["network", "stands_for", "exits", "macs", "head_macs"], rows: 2) {
      for row in t.rows { networkMACs[t.text(row, "network")] = (t.number(row, "macs") ?? 0) + (t.number(row, "head_macs") ?? 0) }
    }
    if let t = table("tbl-sweep", ["network", "tolerance", "method", "accuracy", "macs"]) {
      // One class-exclusion and one CR point per network and tolerance of params.sweep.
      #expect(t.rows.count == 2 * 2 * tolerances, "\(name) tbl-sweep: \(t.rows.count) rows for \(tolerances) tolerances")
      for row in t.rows {
        let what = "sweep \(t.text(row, "network")) \(t.text(row, "method")) tolerance \(t.text(row, "tolerance"))"
        expect(t.number(row, "accuracy"), in: 0...1, "\(what) accuracy")
        // A point can stop samples early but never costs more than the network plus every head.
        expect(t.number(row, "macs"), in: 0...(networkMACs[t.text(row, "network")] ?? 0), "\(what) MACs")
      }
    }
    if let t = table("tbl-main", ["network", "method", "seeds", "accuracy", "macs", "mac_reduction"], rows: 12) {
      // Every row is a mean over all the seeds of params.seeds.
      #expect(t.numbers("seeds").allSatisfy { Int($0) == seeds }, "\(name) tbl-main: not every row over \(seeds) seeds")
      var original: [String: Double] = [:]
      for row in t.rows where t.text(row, "method") == "original" {
        original[t.text(row, "network")] = Self.plusMinus(t.text(row, "macs"))?.0
      }
      for row in t.rows {
        let what = "\(t.text(row, "network")) \(t.text(row, "method"))"
        expect(Self.plusMinus(t.text(row, "accuracy"))?.0, in: 0...100, "\(what) accuracy %")
        // Early exits cost at most the network plus every head (a CR threshold of 1 runs every
        // head and stops no sample), so the reduction is at least minus the heads' share.
        let bound = networkMACs[t.text(row, "network")] ?? -1
        let headShare = (bound - (original[t.text(row, "network")] ?? 0)) / max(bound, 1) * 100
        expect(Self.plusMinus(t.text(row, "mac_reduction"))?.0, in: -(headShare + 0.05)...100, "\(what) MAC reduction %")
        let macs = Self.plusMinus(t.text(row, "macs"))?.0 ?? .infinity
        #expect(macs <= bound, "\(what): \(macs) MACs")
      }
    }
    if let t = table(
      "tbl-exits", ["network", "exit", "setting", "reached", "finished", "finished_share", "mean_excluded", "mean_excluded_so_far"])
    {
      for network in Set(t.rows.map { t.text($0, "network") }) {
        let rows = t.rows.filter { t.text($0, "network") == network }
        for row in rows {
          let (reached, finished) = (t.number(row, "reached") ?? .nan, t.number(row, "finished") ?? .nan)
          expect(reached, in: 0...Double(testImages), "\(network) \(t.text(row, "exit")) reached")
          #expect(finished <= reached, "\(network) \(t.text(row, "exit")): more finished than reached")
        }
        // Every test image reaches the first exit.
        #expect(rows.first.flatMap { t.number($0, "reached") } == Double(testImages), "\(network): first exit reached")
        // What reaches an exit is what reached the one before, less what finished there.
        for (a, b) in zip(rows, rows.dropFirst()) {
          let expected = (t.number(a, "reached") ?? .nan) - (t.number(a, "finished") ?? .nan)
          #expect(abs((t.number(b, "reached") ?? .nan) - expected) < 1e-6, "\(network) \(t.text(b, "exit")) reached")
        }
      }
    }
  }

  func checkCorrectNet() {
    _ = table("tbl-networks", ["network", "stands_for", "parameters", "macs", "epochs", "clean_plain", "clean_suppressed"], rows: 2)
    let main = [
      "network", "sigma", "clean", "original", "original_min", "suppressed", "suppressed_min", "both", "both_min", "layers",
      "weights_overhead", "macs_overhead",
    ]
    if let t = table("tbl-main", main, rows: 4) {
      for row in t.rows {
        let what = "\(t.text(row, "network")) sigma \(t.text(row, "sigma"))"
        expect(t.number(row, "clean"), in: 0...1, "\(what) clean")
        for variant in ["original", "suppressed", "both"] {
          let mean = Self.plusMinus(t.text(row, variant))?.0
          expect(mean, in: 0...100, "\(what) \(variant) %")
          // The worst sample is no better than the mean.
          #expect((t.number(row, variant + "_min") ?? .infinity) * 100 <= (mean ?? -1) + 1e-9, "\(what) \(variant)_min")
        }
        expect(t.number(row, "weights_overhead"), in: 0...1, "\(what) weights overhead")
        expect(t.number(row, "macs_overhead"), in: 0...1, "\(what) MACs overhead")
      }
    }
    if let t = table("tbl-ablation", ["network", "variant", "mean", "std", "min"], rows: 8) {
      for row in t.rows {
        let (mean, minimum) = (t.number(row, "mean") ?? .nan, t.number(row, "min") ?? .nan)
        #expect(minimum <= mean && mean <= 1 && minimum >= 0, "\(t.text(row, "network")) \(t.text(row, "variant")): min \(minimum), mean \(mean)")
        expect(t.number(row, "std"), in: 0...1, "std")
      }
    }
  }

  func checkPowerPruning() {
    if let t = table("tbl-mac", ["cells", "static_delay_ps", "critical_sensitised_ps", "leakage_uw", "grid"], rows: 1) {
      let row = t.rows[0]
      // A sensitised path is a path of the circuit: never longer than its static critical path.
      #expect((t.number(row, "critical_sensitised_ps") ?? .infinity) <= (t.number(row, "static_delay_ps") ?? -1))
      for column in ["cells", "static_delay_ps", "leakage_uw"] { #expect((t.number(row, column) ?? 0) > 0, "tbl-mac \(column)") }
    }
    let runs = [
      "network", "seed", "baseline", "retrained", "weights", "activations", "before_ps", "after_ps", "voltage", "retimed_ps",
      "p_before", "p_after", "p_final", "reduction",
    ]
    if let t = table("tbl-runs", runs) {
      for row in t.rows {
        let what = "\(t.text(row, "network")) seed \(t.text(row, "seed"))"
        expect(t.number(row, "baseline"), in: 0...1, "\(what) baseline")
        expect(t.number(row, "retrained"), in: 0...1, "\(what) retrained")
        let (before, after, retimed) = (t.number(row, "before_ps") ?? .nan, t.number(row, "after_ps") ?? .nan, t.number(row, "retimed_ps") ?? .nan)
        // Selection only removes paths; the lowered supply slows the rest back to the clock, not past it.
        #expect(after <= before && retimed <= before + 1e-6, "\(what): \(before) → \(after), re-timed \(retimed) ps")
        expect(t.number(row, "voltage"), in: 0...1.8, "\(what) voltage")
        let (pBefore, pAfter, pFinal) = (t.number(row, "p_before") ?? .nan, t.number(row, "p_after") ?? .nan, t.number(row, "p_final") ?? .nan)
        #expect(0 < pFinal && pFinal <= pAfter && pAfter <= pBefore, "\(what): power \(pBefore) → \(pAfter) → \(pFinal)")
        expectEqual(t.number(row, "reduction"), 1 - pFinal / pBefore, "\(what) reduction = 1 - final / before")
      }
    }
    _ = table(
      "tbl-main",
      ["network", "baseline", "weights_kept", "activations_kept", "retrained", "power_before_mw", "power_after_mw",
       "delay_before_ps", "delay_after_ps", "voltage", "final_power_mw", "reduction", "paper"], rows: 2)
    if let t = table("tbl-power", ["stream", "mean_pj", "kept_mean_pj", "zero_activations"], rows: 2) {
      for row in t.rows {
        // The kept weights are chosen among the cheap ones: their mean is no higher than all weights'.
        #expect((t.number(row, "kept_mean_pj") ?? .infinity) <= (t.number(row, "mean_pj") ?? -1), "\(t.text(row, "stream")) kept mean")
        // The share of zero activations is a property of the network's stream; the random one has none listed.
        if t.text(row, "stream").hasPrefix("network") {
          expect(t.number(row, "zero_activations"), in: 0...1, "\(t.text(row, "stream")) zero share")
        }
      }
    }
    if let t = table("tbl-sweep", ["weights_kept", "baseline", "retrained", "after_ps", "voltage", "selection_saving", "reduction"]) {
      for row in t.rows {
        expect(t.number(row, "selection_saving"), in: 0...1, "sweep \(t.text(row, "weights_kept")) selection saving")
        expect(t.number(row, "reduction"), in: 0...1, "sweep \(t.text(row, "weights_kept")) reduction")
        // Voltage scaling adds to the selection's saving, never takes from it.
        #expect((t.number(row, "reduction") ?? -1) >= (t.number(row, "selection_saving") ?? .infinity) - 1e-9)
      }
    }
  }

  func checkLogicDesign() {
    if let t = table("tbl-multipliers", ["weight", "rank", "and_nodes", "transistors", "area", "delay_ps"]) {
      // One row per weight value, ranked 1...n by area (ties share no rank twice).
      #expect(Set(t.numbers("rank")) == Set((1...t.rows.count).map(Double.init)), "ranks")
      for row in t.rows {
        #expect((t.number(row, "transistors") ?? -1) >= 0 && (t.number(row, "delay_ps") ?? -1) >= 0, "weight \(t.text(row, "weight"))")
      }
      // A lower rank is never a larger multiplier.
      let byRank = t.rows.sorted { (t.number($0, "rank") ?? 0) < (t.number($1, "rank") ?? 0) }
      for (a, b) in zip(byRank, byRank.dropFirst()) {
        #expect((t.number(a, "area") ?? .infinity) <= (t.number(b, "area") ?? -1), "rank order by area")
      }
    }
    _ = table("tbl-accuracy", ["task", "stands_for", "weights", "float", "quantised", "hardware_aware", "n_found", "all_met"], rows: 2)
    let designs = ["task", "design", "pipeline", "transistors", "area", "delay_ps", "clock_ps", "power_mw", "energy_pj", "msamples_s"]
    if let t = table("tbl-designs", designs) {
      for row in t.rows {
        let what = "\(t.text(row, "task")) \(t.text(row, "design")) \(t.text(row, "pipeline"))"
        for column in ["transistors", "delay_ps", "power_mw", "energy_pj", "msamples_s"] {
          #expect((t.number(row, column) ?? 0) > 0, "\(what) \(column)")
        }
        // Without pipeline registers the clock is never shorter than the logic it clocks.
        if t.text(row, "pipeline") == "combinational" {
          #expect((t.number(row, "clock_ps") ?? 0) >= (t.number(row, "delay_ps") ?? .infinity), "\(what) clock")
        }
      }
      // Embedding the weights never grows the circuit of the same pipeline.
      for task in Set(t.rows.map { t.text($0, "task") }) {
        let rows = t.rows.filter { t.text($0, "task") == task && t.text($0, "pipeline") == "combinational" }
        let generic = rows.first { t.text($0, "design") == "generic" }.flatMap { t.number($0, "transistors") } ?? -1
        for row in rows where t.text(row, "design") != "generic" {
          #expect((t.number(row, "transistors") ?? .infinity) <= generic, "\(task) \(t.text(row, "design")) larger than generic")
        }
      }
    }
    if let t = table("tbl-reductions", ["task", "from", "to", "transistors", "area", "delay", "energy", "talk"]) {
      for row in t.rows {
        for column in ["transistors", "area", "delay", "energy"] {
          expect(Self.plusMinus(t.text(row, column))?.0, in: -100...100, "\(t.text(row, "task")) \(t.text(row, "to")) \(column) %")
        }
      }
    }
    if let t = table("tbl-pipeline", ["task", "pipeline", "stages", "registers", "transistors", "clock_ps", "msamples_s", "power_mw", "energy_pj", "met"]) {
      for row in t.rows {
        let what = "\(t.text(row, "task")) \(t.text(row, "pipeline"))"
        #expect((t.number(row, "stages") ?? 0) >= 1, "\(what) stages")
        // Samples per second follow from the clock: one sample a cycle.
        expectEqual(t.number(row, "msamples_s"), 1e6 / (t.number(row, "clock_ps") ?? .nan), "\(what) throughput = 1 / clock")
      }
    }
  }

  func checkHardware() {
    if let t = table("tbl-arch", ["architecture", "transistors", "delay_ps", "energy_pj"], rows: 3) {
      #expect(t.rows.map { t.text($0, "architecture") } == ["array", "wallace", "dadda"])
      for column in ["transistors", "delay_ps", "energy_pj"] {
        for value in t.numbers(column) { #expect(value > 0, "\(column) \(value)") }
      }
    }
    if let t = table("tbl-embed", ["metric", "generic", "embedded", "change"], rows: 6) {
      for row in t.rows {
        let (generic, embedded) = (t.number(row, "generic") ?? .nan, t.number(row, "embedded") ?? .nan)
        #expect(embedded > 0 && embedded < generic, "\(t.text(row, "metric")): embedding the weight must shrink it")
        expectEqual(t.number(row, "change"), embedded / generic - 1, "\(t.text(row, "metric")) change")
      }
    }
    if let t = table("tbl-sched", ["m", "k", "n", "row_tiles", "column_tiles", "tiles", "cycles", "macs", "utilization"], rows: 1),
      let row = t.rows.first
    {
      let product = { (names: [String]) in names.map { t.number(row, $0) ?? .nan }.reduce(1, *) }
      expectEqual(t.number(row, "macs"), product(["m", "k", "n"]), "MACs = m k n")
      expectEqual(t.number(row, "tiles"), product(["row_tiles", "column_tiles"]), "tiles")
      expect(t.number(row, "utilization"), in: 0...1, "utilization")
    }
    if let t = table(
      "tbl-volt",
      ["voltage", "nominal_voltage", "delay_ps", "scaled_delay_ps", "clock_ps", "power_nominal_uw", "power_scaled_uw", "saving"],
      rows: 1), let row = t.rows.first
    {
      let v = { (name: String) in t.number(row, name) ?? .nan }
      #expect(v("voltage") <= v("nominal_voltage") && v("voltage") >= 0.5, "the scaled supply")
      #expect(v("scaled_delay_ps") <= v("clock_ps") * (1 + 1e-9), "the scaled circuit meets its clock")
      #expect(v("scaled_delay_ps") >= v("delay_ps"), "a lower supply is slower")
      expectEqual(v("saving"), 1 - v("power_scaled_uw") / v("power_nominal_uw"), "saving")
    }
    if let t = table("tbl-cheap", ["weight", "energy_pj", "power_uw"], rows: 8) {
      for value in t.numbers("energy_pj") + t.numbers("power_uw") { #expect(value > 0) }
    }
  }

  func checkGettingStarted() {
    if let t = table("tbl-ops", ["operation", "format", "energy_pj"], rows: 8) {
      for value in t.numbers("energy_pj") { #expect(value > 0) }
    }
    if let t = table("tbl-lenet", ["layer", "macs", "int8_nj", "fp32_nj"], rows: 5) {
      for row in t.rows {
        #expect((t.number(row, "int8_nj") ?? .nan) < (t.number(row, "fp32_nj") ?? .nan), "\(t.text(row, "layer")): int8 is cheaper")
      }
    }
  }
}
