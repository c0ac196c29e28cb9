/// The style sheet inlined into every page: a quiet paper-appendix look that needs no script.
enum ReportStyle {
  /// The CSS of reports, the index and the reference page.
  static let css = """
    :root {
      color-scheme: light dark;
      --text: #1f2328; --muted: #5f6670; --faint: #8b929b; --rule: #d8dce1; --strong-rule: #1f2328;
      --bg: #ffffff; --code-bg: #f5f6f8; --accent: #0a58ca; --figure-bg: #ffffff;
      --error: #b42318; --error-bg: #fdf1f0; --warn: #8a5300; --warn-bg: #fff7e6; --ok: #1a7f37;
      --kw: #8b3fb5; --str: #1a7f37; --sub: #0a58ca; --num: #b35900; --com: #6e7781; --fn: #0550ae;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e6e8eb; --muted: #a4abb5; --faint: #7d858f; --rule: #3a3f46; --strong-rule: #c9ced6;
        --bg: #16181b; --code-bg: #202328; --accent: #7cb3ff; --figure-bg: #f4f5f7;
        --error: #ff8a80; --error-bg: #2c1b1a; --warn: #f0b35a; --warn-bg: #2a2317; --ok: #56d37a;
        --kw: #d2a8ff; --str: #7ee787; --sub: #79c0ff; --num: #ffa657; --com: #8b949e; --fn: #79c0ff;
      }
    }
    * { box-sizing: border-box; }
    html { font-size: 17px; -webkit-text-size-adjust: 100%; }
    body {
      margin: 0; background: var(--bg); color: var(--text);
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
      line-height: 1.6; font-kerning: normal;
    }
    .page { max-width: 46rem; margin: 0 auto; padding: 3.5rem 1.25rem 4rem; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    h1, h2, h3, h4 { line-height: 1.25; margin: 2.2rem 0 0.8rem; font-weight: 650; }
    h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; } h3 { font-size: 1.1rem; } h4 { font-size: 1rem; }
    p, ul, ol, blockquote { margin: 0 0 1rem; }
    blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
    hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
    img { max-width: 100%; }
    code, pre { font-family: ui-monospace, "SF Mono", SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
    :not(pre) > code { font-size: 0.88em; background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
    pre { font-size: 0.82rem; line-height: 1.5; background: var(--code-bg); padding: 0.8rem 1rem;
          border-radius: 6px; overflow-x: auto; margin: 0 0 1rem; tab-size: 2; }
    pre code { background: none; padding: 0; }

    header.report { margin-bottom: 2rem; padding-bottom: 1.2rem; border-bottom: 1px solid var(--rule); }
    header.report h1 { font-size: 2rem; margin: 0 0 0.4rem; letter-spacing: -0.01em; }
    .byline { color: var(--muted); margin: 0 0 0.6rem; font-size: 0.95rem; }
    .description { font-size: 1.05rem; color: var(--muted); margin: 0; }
    .banner { margin: 1.2rem 0 0; padding: 0.6rem 0.9rem; border-radius: 6px; font-size: 0.92rem;
              background: var(--error-bg); color: var(--error); border-left: 3px solid var(--error); }

    nav.toc { margin: 0 0 2.2rem; font-size: 0.92rem; }
    nav.toc h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted);
                 margin: 0 0 0.4rem; font-weight: 600; }
    nav.toc ol { list-style: none; margin: 0; padding: 0; }
    nav.toc li { margin: 0.15rem 0; }
    nav.toc .toc-2 { padding-left: 1.1rem; } nav.toc .toc-3 { padding-left: 2.2rem; }
    nav.toc .toc-4, nav.toc .toc-5, nav.toc .toc-6 { padding-left: 3.3rem; }

    .cell { margin: 1.4rem 0 1.6rem; }
    .cell pre.code { border-left: 3px solid var(--rule); }
    .cell-meta { display: flex; justify-content: space-between; font-size: 0.72rem; color: var(--faint);
                 margin: 0 0 0.2rem; font-variant-numeric: tabular-nums; }
    pre.output { background: none; border: 1px solid var(--rule); white-space: pre-wrap; word-break: break-word; }
    .not-run pre.code { opacity: 0.55; }
    .status { font-weight: 600; }
    .status-failed { color: var(--error); }
    .status-not-run, .status-allowed { color: var(--warn); }
    .error-box { background: var(--error-bg); border-left: 3px solid var(--error); border-radius: 6px;
                 margin: 0.5rem 0 1rem; }
    .error-box .error-message { margin: 0; padding: 0.7rem 1rem 0; color: var(--error); font-weight: 600;
                                font-size: 0.85rem; font-family: ui-monospace, "SF Mono", SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
                                overflow-wrap: anywhere; }
    .error-box .error-message:only-child { padding-bottom: 0.7rem; }
    .error-box pre { background: none; color: var(--error); margin: 0; padding-top: 0.3rem; white-space: pre; }
    .error-box.allowed { background: var(--warn-bg); border-left-color: var(--warn); }
    .error-box.allowed pre, .error-box.allowed .error-message { color: var(--warn); }

    .hl .kw { color: var(--kw); font-weight: 600; } .hl .str { color: var(--str); } .hl .sub { color: var(--sub); }
    .hl .num { color: var(--num); } .hl .com, .hl .opt { color: var(--com); font-style: italic; }
    .hl .fn { color: var(--fn); } .hl .def { color: var(--fn); font-weight: 600; } .hl .key { color: var(--muted); }

    figure { margin: 1.8rem 0; }
    figure.chart { text-align: center; }
    figure.chart .plot { display: inline-block; max-width: 100%; background: var(--figure-bg); border-radius: 6px; }
    figure.chart svg { display: block; max-width: 100%; height: auto; }
    figcaption { font-size: 0.9rem; color: var(--muted); line-height: 1.45; }
    figure.chart figcaption { margin-top: 0.6rem; text-align: center; }
    figure.table figcaption { margin-bottom: 0.5rem; text-align: center; }
    .float-number { color: var(--text); font-weight: 650; }
    .table-scroll { overflow-x: auto; }
    table { border-collapse: collapse; margin: 0 auto; font-size: 0.88rem; font-variant-numeric: tabular-nums;
            border-top: 1.5px solid var(--strong-rule); border-bottom: 1.5px solid var(--strong-rule); }
    th, td { padding: 0.3rem 0.8rem; text-align: left; vertical-align: top; }
    thead th { border-bottom: 1px solid var(--strong-rule); font-weight: 600; }
    tbody tr + tr td { border-top: 1px solid var(--rule); }
    .num { text-align: right; white-space: nowrap; }
    .more-rows { text-align: center; color: var(--faint); font-style: italic; }

    a.xref { white-space: nowrap; }
    .xref-missing { color: var(--error); background: var(--error-bg); border-radius: 3px; padding: 0 0.2em;
                    text-decoration: underline wavy var(--error); white-space: nowrap; }
    .notes { margin: 2.5rem 0 0; padding: 0.7rem 1rem; background: var(--warn-bg); border-radius: 6px;
             color: var(--warn); font-size: 0.88rem; }
    .notes ul { margin: 0; padding-left: 1.2rem; }

    footer.report { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule);
                    font-size: 0.82rem; color: var(--muted); }
    footer.report h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.08em; margin: 0 0 0.4rem; }
    footer.report table { margin: 0 0 1rem; border: 0; font-size: 0.82rem; }
    footer.report td { padding: 0.1rem 1rem 0.1rem 0; border: 0; }
    footer.report code { background: none; padding: 0; }
    footer.report p { margin: 0.2rem 0; }

    table.index { width: 100%; margin: 1rem 0; font-size: 0.92rem; }
    table.index td, table.index th { padding: 0.6rem 0.8rem 0.6rem 0; }
    table.index th:last-child, table.index td:last-child { padding-right: 0; }
    table.index .title { font-weight: 600; }
    table.index .summary { color: var(--muted); font-size: 0.88rem; }
    .badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0.05rem 0.5rem;
             border-radius: 999px; white-space: nowrap; }
    .badge-ok { color: var(--ok); border: 1px solid var(--ok); }
    .badge-failed { color: var(--error); border: 1px solid var(--error); }
    .badge-error { color: var(--bg); background: var(--error); }
    @media print { .page { max-width: none; } nav.toc { display: none; } }
    """
}
