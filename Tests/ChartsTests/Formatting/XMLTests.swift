import Testing
@testable import Charts

@Suite struct XMLTests {
  @Test func escapesMarkup() {
    #expect(XML.escape("<script>a & \"b\" 'c'</script>") == "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;")
  }

  @Test func replacesForbiddenControlCharacters() {
    #expect(XML.escape("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c d")
  }

  @Test func identifiersAreSafe() {
    #expect(XML.identifier("fig-1") == "fig-1")
    #expect(XML.identifier("3 \"x\"<") == "c3__x__")
    #expect(XML.identifier("") == "c")
  }
}
