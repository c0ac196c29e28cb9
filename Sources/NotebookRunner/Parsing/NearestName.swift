/// Suggests the known name closest to a misspelt one, for "did you mean" messages.
enum NearestName {
  /// The candidate nearest to `name` by edit distance, if it is close enough to be a likely typo.
  static func suggest(_ name: String, among candidates: [String]) -> String? {
    let scored = candidates.map { (candidate: $0, distance: editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
    // Allow about one edit per three characters: 'lable' -> 'label', but not 'x' -> 'echo'.
    let allowed = max(1, min(name.count, best.candidate.count) / 3)
    return best.distance <= allowed ? best.candidate : nil
  }

  /// "; did you mean 'x'?" or "" when nothing is close.
  static func hint(_ name: String, among candidates: [String]) -> String {
    suggest(name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
  }

  /// Levenshtein distance with adjacent transpositions counted as one edit.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
