import CCmark
import Foundation

/// A CommonMark document parsed by libcmark; owns the cmark tree and frees it.
///
/// Internal on purpose: no cmark type leaves NotebookRunner. Nodes handed out
/// (``MarkdownNode``) are only valid while their document is alive.
final class MarkdownDocument {
  /// The cmark root node, owned by this object.
  private let root: OpaquePointer

  /// cmark options for parsing and rendering: typographic quotes and dashes. Safe mode is the
  /// default of cmark 0.29 and later (raw HTML and `javascript:` links are dropped); we never
  /// pass `CMARK_OPT_UNSAFE`.
  static let options = CMARK_OPT_SMART

  /// Parses Markdown text; cmark accepts any input, so this cannot fail.
  init(parsing text: String) {
    let utf8 = Array(text.utf8)
    let parsed = utf8.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
        cmark_parse_document($0, buffer.count, Self.options)
      }
    }
    guard let parsed else {
      // cmark only returns NULL when malloc fails, which its allocator already aborts on.
      preconditionFailure("cmark_parse_document returned no document")
    }
    root = parsed
    // Labels such as `@tbl-my_table` may be split over several text nodes; merging them lets
    // a reference be found in one literal.
    cmark_consolidate_text_nodes(root)
  }

  deinit {
    cmark_node_free(root)
  }

  /// The document's top-level blocks, in order.
  var topLevelBlocks: [MarkdownNode] {
    var nodes: [MarkdownNode] = []
    var child = cmark_node_first_child(root)
    while let node = child {
      nodes.append(MarkdownNode(pointer: node))
      child = cmark_node_next(node)
    }
    return nodes
  }

  /// Every node of the document in document order (each visited once, on entry).
  var allNodes: [MarkdownNode] {
    MarkdownNode(pointer: root).descendants
  }
}

/// A borrowed view of one cmark node; valid while its ``MarkdownDocument`` lives.
struct MarkdownNode {
  /// The borrowed cmark node.
  let pointer: OpaquePointer

  /// The node's kind.
  var kind: Kind {
    switch cmark_node_get_type(pointer) {
    case CMARK_NODE_CODE_BLOCK: .codeBlock
    case CMARK_NODE_HEADING: .heading
    case CMARK_NODE_PARAGRAPH: .paragraph
    case CMARK_NODE_TEXT: .text
    case CMARK_NODE_CODE: .code
    case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: .lineBreak
    case CMARK_NODE_LINK: .link
    case CMARK_NODE_IMAGE: .image
    default: .other
    }
  }

  /// The node kinds the notebook parser tells apart.
  enum Kind {
    case codeBlock, heading, paragraph, text, code, lineBreak, link, image, other
  }

  /// 1-based line where the node starts in the parsed text.
  var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
  /// 1-based line where the node ends in the parsed text.
  var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
  /// 1-based column where the node starts.
  var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
  /// The heading level (1-6), or 0 for other nodes.
  var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
  /// Whether the node is a direct child of the document.
  var isTopLevel: Bool {
    guard let parent = cmark_node_parent(pointer) else { return false }
    return cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT
  }

  /// Whether the node sits inside a link or an image, where a cross reference cannot become a link.
  var isInsideLinkOrImage: Bool {
    var parent = cmark_node_parent(pointer)
    while let node = parent {
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { return true }
      parent = cmark_node_parent(node)
    }
    return false
  }

  /// The info string of a fenced code block (`lab`, `python title="x"`), or "" otherwise.
  var fenceInfo: String {
    cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? ""
  }

  /// The text content of a code block, text or code node.
  var literal: String {
    get { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    nonmutating set { _ = cmark_node_set_literal(pointer, newValue) }
  }

  /// This node and every node under it, in document order.
  var descendants: [MarkdownNode] {
    var nodes: [MarkdownNode] = []
    guard let iterator = cmark_iter_new(pointer) else { return nodes }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
        nodes.append(MarkdownNode(pointer: node))
      }
    }
    return nodes
  }

  /// The node rendered to HTML by cmark in safe mode.
  var html: String {
    guard let rendered = cmark_render_html(pointer, MarkdownDocument.options) else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
  }

  /// The plain text of an inline tree (a heading's words without markup).
  var plainText: String {
    descendants.dropFirst().map { node -> String in
      switch node.kind {
      case .text, .code: node.literal
      case .lineBreak: " "
      default: ""
      }
    }.joined()
  }
}
