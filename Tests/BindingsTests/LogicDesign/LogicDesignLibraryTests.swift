import Testing
@testable import Bindings
@testable import Kernel

@Suite("Logic-design builtins")
struct LogicDesignLibraryTests {
  @Test func multiplierCostsRankEveryWeightValue() {
    #expect(output("""
      c = multiplier_costs(activation_bits: 2, weight_bits: 3)
      print(len(c), [x.weight for x in c if x.rank == 1][0], [x.area for x in c if x.weight == 0][0])
      """) == "8 0 0")
  }

  @Test func badArgumentsSayWhichAndWhat() {
    let task = run("logic_design(\"mnist\", [8])")
    #expect(task.error?.message.contains("task") == true, "\(task.error?.rendered ?? "no error")")
    let hidden = run("logic_design(\"footwear\", [])")
    #expect(hidden.error?.message.contains("hidden") == true, "\(hidden.error?.rendered ?? "no error")")
    let clocks = run("logic_design(\"footwear\", [4], clock_fractions: [1.5])")
    #expect(clocks.error?.message.contains("clock_fractions") == true, "\(clocks.error?.rendered ?? "no error")")
    let bits = run("multiplier_costs(weight_bits: 1)")
    #expect(bits.error?.message.contains("weight_bits") == true, "\(bits.error?.rendered ?? "no error")")
  }
}
