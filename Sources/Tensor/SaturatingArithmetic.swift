extension Int {
  /// The product of `factors`, or `Int.max` when it overflows (negative factors count as 0):
  /// for sizes computed from user input before anything of that size is allocated.
  public static func saturatingProduct(_ factors: Int...) -> Int {
    factors.reduce(1) { total, factor in
      let (result, overflow) = total.multipliedReportingOverflow(by: Swift.max(factor, 0))
      return overflow ? Int.max : result
    }
  }

  /// The sum of `terms`, or `Int.max` when it overflows.
  public static func saturatingSum(_ terms: [Int]) -> Int {
    terms.reduce(0) { total, term in
      let (result, overflow) = total.addingReportingOverflow(term)
      return overflow ? Int.max : result
    }
  }
}
