import Testing
@testable import NotebookRunner

@Suite struct LabHighlighterTests {
  @Test func marksTokenKinds() {
    let html = LabHighlighter.highlight(#"fn macs(c_in, k: 3) { return c_in * k ** 2 }  # per pixel"#)
    #expect(html == #"<span class="kw">fn</span> <span class="def">macs</span>(c_in, <span class="key">k</span>: <span class="num">3</span>) { <span class="kw">return</span> c_in * k ** <span class="num">2</span> }  <span class="com"># per pixel</span>"#)
  }

  @Test func stringsShowTheirInterpolations() {
    let html = LabHighlighter.highlight(#"print("acc {acc:.2%} of {n}", 25%, 1e-5, 1_000)"#)
    #expect(html == #"<span class="fn">print</span>(<span class="str">&quot;acc </span><span class="sub">{acc:.2%}</span><span class="str"> of </span><span class="sub">{n}</span><span class="str">&quot;</span>, <span class="num">25%</span>, <span class="num">1e-5</span>, <span class="num">1_000</span>)"#)
  }

  @Test func keywordsAndConstants() {
    let html = LabHighlighter.highlight("for x in xs if not done { y = none }")
    #expect(html.contains(#"<span class="kw">for</span>"#))
    #expect(html.contains(#"<span class="kw">in</span>"#))
    #expect(html.contains(#"<span class="kw">not</span>"#))
    #expect(html.contains(#"<span class="num">none</span>"#))
  }

  @Test func escapesEverythingAndSurvivesBrokenCode() {
    let html = LabHighlighter.highlight("x = \"<script>\" < 3 && '\n\"unterminated {")
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;"))
    #expect(html.contains("&lt; "))
  }
}
