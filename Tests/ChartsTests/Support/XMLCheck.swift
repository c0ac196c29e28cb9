import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses SVG text as XML and collects what the tests check: errors, root, ids.
final class XMLCheck: NSObject, XMLParserDelegate {
  private(set) var error: String?
  private(set) var root: String?
  private(set) var rootAttributes: [String: String] = [:]
  private(set) var ids: [String] = []
  private(set) var texts: [String] = []
  private(set) var attributeValues: [String] = []
  private var current = ""

  /// Parses `svg`; `error` is nil when it is well-formed.
  init(_ svg: String) {
    super.init()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = self
    if !parser.parse() {
      error = error ?? parser.parserError.map { "\($0)" } ?? "parse failed"
    }
  }

  var isWellFormed: Bool { error == nil }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    if root == nil {
      root = elementName
      rootAttributes = attributeDict
    }
    if let id = attributeDict["id"] { ids.append(id) }
    attributeValues += attributeDict.keys.sorted().compactMap { attributeDict[$0] }
    current = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    current += string
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
    if !current.isEmpty { texts.append(current) }
    current = ""
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    error = "\(parseError) at line \(parser.lineNumber)"
  }
}
