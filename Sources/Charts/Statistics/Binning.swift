import Foundation

/// Histogram bins shared by every series of a chart, so overlaid series compare bin by bin.
struct Binning: Equatable {
  /// Bin edges, ascending; bin `i` is `edges[i] ..< edges[i + 1]`, the last bin closed.
  var edges: [Double]
  /// Counts per series, `edges.count - 1` per series.
  var counts: [[Int]]
  /// How the number of bins was chosen, for the description.
  var rule: Rule

  /// How the number of bins was chosen.
  enum Rule: String {
    case requested = "requested"
    case freedmanDiaconis = "Freedman-Diaconis"
    case sturges = "Sturges"
    case single = "single value"
  }

  /// Upper bound on bins: more would be thinner than a pixel in a report column.
  static let maxBins = 200

  /// Bins over the finite values of `series`, `requested` many or chosen by a rule.
  ///
  /// `logarithmic` bins the base-10 logarithm (all values must then be positive), so
  /// bins are equally wide on a log axis.
  init(series: [[Double]], requested: Int?, logarithmic: Bool) {
    let transform: (Double) -> Double = logarithmic ? { Foundation.log10($0) } : { $0 }
    let valid: [[Double]] = series.map { values in
      values.filter { $0.isFinite && (!logarithmic || $0 > 0) }.map(transform)
    }
    let pooled = valid.flatMap { $0 }.sorted()
    var low = pooled.first ?? 0
    var high = pooled.last ?? 1
    let binCount: Int
    if high - low <= max(abs(low), abs(high)) * 1e-12 {
      // One distinct value: a single bin around it, wide enough to be seen.
      let pad = logarithmic ? 0.5 : (low == 0 ? 0.5 : abs(low) * 0.1)
      low -= pad
      high += pad
      binCount = requested.map { min(max($0, 1), Binning.maxBins) } ?? 1
      rule = requested == nil ? .single : .requested
    } else if let requested {
      binCount = min(max(requested, 1), Binning.maxBins)
      rule = .requested
    } else {
      (binCount, rule) = Binning.chooseCount(sorted: pooled)
    }
    // Divided first, so a span of ±1e308 does not overflow to infinity.
    let width = high / Double(binCount) - low / Double(binCount)
    var transformedEdges = (0...binCount).map { low + Double($0) * width }
    transformedEdges[binCount] = high  // exact, whatever the rounding of the sum
    edges = logarithmic ? transformedEdges.map { Foundation.pow(10, $0) } : transformedEdges
    counts = valid.map { values in
      var bins = [Int](repeating: 0, count: binCount)
      for value in values {
        let index = Int(saturating: ((value - low) / width).rounded(.down))
        bins[min(max(index, 0), binCount - 1)] += 1
      }
      return bins
    }
  }

  /// Freedman-Diaconis (robust to outliers) when the spread allows it, else Sturges.
  static func chooseCount(sorted values: [Double]) -> (Int, Rule) {
    let n = values.count
    guard n >= 2, let first = values.first, let last = values.last else { return (1, .sturges) }
    let sturges = Int(Foundation.log2(Double(n)).rounded(.up)) + 1
    let iqr = quantile(sorted: values, 0.75) - quantile(sorted: values, 0.25)
    let width = 2 * iqr / Foundation.cbrt(Double(n))
    guard width > 0, width.isFinite else { return (min(max(sturges, 1), maxBins), .sturges) }
    let count = Int(saturating: ((last - first) / width).rounded(.up))
    // Heavy tails make Freedman-Diaconis ask for hundreds of bins of which few are filled.
    return (min(max(count, 1), 100), .freedmanDiaconis)
  }

  /// The `p` quantile of sorted values, linearly interpolated (R's type 7).
  static func quantile(sorted values: [Double], _ p: Double) -> Double {
    guard let first = values.first else { return 0 }
    let position = p * Double(values.count - 1)
    let below = Int(position.rounded(.down))
    let above = min(below + 1, values.count - 1)
    let mix = position - Double(below)
    return below < values.count ? values[below] + (values[above] - values[below]) * mix : first
  }
}
