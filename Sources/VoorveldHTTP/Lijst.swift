import Hummingbird

/// A list answer: `{"items": [...]}`, so that paging fields can be added without breaking clients.
struct Lijst<Item: Encodable & Sendable>: ResponseEncodable {
    var items: [Item]
}
