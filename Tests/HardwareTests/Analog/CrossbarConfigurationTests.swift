import Hardware
import Testing

@Suite("Crossbar configuration")
struct CrossbarConfigurationTests {
  @Test func defaultsComeFromTheDeviceAssumptions() {
    let c = CrossbarConfiguration.standard
    #expect(c.rows == 128 && c.columns == 128)
    #expect(abs(c.maximumConductance - 1e6 / 6e3) < 1e-9)
    #expect(abs(c.minimumConductance - 1e6 / 9e5) < 1e-9)
    #expect(c.levels == nil && c.dacBits == nil && c.adcBits == nil)
    #expect(!c.hasConverters)
  }

  @Test func rejectsSettingsOutOfRange() {
    #expect(throws: CrossbarError.self) { try CrossbarConfiguration(rows: 0) }
    #expect(throws: CrossbarError.self) { try CrossbarConfiguration(minimumConductance: 10, maximumConductance: 5) }
    #expect(throws: CrossbarError.self) { try CrossbarConfiguration(minimumConductance: -1) }
    #expect(throws: CrossbarError.self) { try CrossbarConfiguration(levels: 1) }
    #expect(throws: CrossbarError.self) { try CrossbarConfiguration(adcBits: 1) }
    #expect(throws: CrossbarError.self) { try CrossbarConfiguration(dacBits: 40) }
    #expect(throws: CrossbarError.self) { try LogNormalVariation(sigma: -0.1) }
    #expect(throws: CrossbarError.self) { try LogNormalVariation(sigma: .nan) }
  }

  @Test func errorsSayWhatIsWrong() {
    do {
      _ = try CrossbarConfiguration(levels: 1)
      Issue.record("no error")
    } catch {
      #expect("\(error)" == "a device needs at least 2 conductance levels, got 1")
    }
  }
}
