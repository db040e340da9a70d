import Postgres

/// Which page of a list to show.
public struct Paginering: Sendable, Equatable {
    public var pagina: Int
    public var paginaGrootte: Int

    public static let maximaleGrootte = 200

    public init(pagina: Int = 1, paginaGrootte: Int = 50) {
        self.pagina = pagina
        self.paginaGrootte = paginaGrootte
    }
}

/// One page of a list, with how many there are in all.
public struct Pagina<Item: Sendable>: Sendable {
    public var items: [Item]
    public var totaal: Int

    public init(items: [Item], totaal: Int) {
        self.items = items
        self.totaal = totaal
    }
}

extension PostgresConnection {
    /// One page of `select` (which ends in its FROM clause) narrowed by `conditions`, and the
    /// total that `conditions` allow. Limit and offset are bound after `binds`.
    func pagina<Item: Sendable>(
        _ select: String,
        countFrom: String,
        conditions: String,
        binds: [any PostgresEncodable],
        orderBy: String,
        _ paginering: Paginering,
        decode: @escaping @Sendable (borrowing PostgresRow) throws -> Item
    ) async throws -> Pagina<Item> {
        let totaal = try await queryOne("SELECT count(*) FROM \(countFrom) \(conditions)", binds) { row in try row.decode(0, as: Int.self) } ?? 0
        let limit = binds.count + 1
        let items = try await query(
            "\(select)\n\(conditions)\nORDER BY \(orderBy) LIMIT $\(limit) OFFSET $\(limit + 1)",
            binds + [paginering.paginaGrootte, (paginering.pagina - 1) * paginering.paginaGrootte],
            decode: decode
        )
        return Pagina(items: items, totaal: totaal)
    }
}
