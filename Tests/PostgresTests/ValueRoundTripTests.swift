import CalendarDate
import Foundation
import Postgres
import TestDatabase
import Testing

@Suite("Values round-trip unchanged as parameters")
struct ValueRoundTripTests {
    static let awkwardStrings = [
        "", " ", "plain", "O'Brien", "it''s", "\"quoted\"", "back\\slash", "\\x00", "C:\\temp\\new",
        "Robert'); DROP TABLE kinderen;--", "'; DELETE FROM t WHERE '1'='1", "$1", "$$ dollar $$", "E'\\n'",
        "Ĳsselmonde, Groningen ë ï é", "日本語", "مرحبا", "emoji 👩🏽‍🦳🏳️‍🌈", "line\nbreak\r\ttab", String(repeating: "x", count: 100_000),
    ]

    @Test("strings with quotes, backslashes, Unicode and injection attempts")
    func strings() async throws {
        let pool = try await TestDatabase.freshPool()
        try await pool.withConnection { connection in
            try await connection.executeScript("CREATE TABLE t (id integer PRIMARY KEY, value text NOT NULL)")
            for (index, value) in Self.awkwardStrings.enumerated() {
                try await connection.execute("INSERT INTO t (id, value) VALUES ($1, $2)", [index, value])
            }
            let stored = try await connection.query("SELECT value FROM t ORDER BY id") { row in try row.decode(0, as: String.self) }
            #expect(stored == Self.awkwardStrings)
            // The table survived every injection attempt, and each value also comes straight back.
            for value in Self.awkwardStrings {
                let echoed = try await connection.queryOne("SELECT $1::text", [value]) { row in try row.decode(0, as: String.self) }
                #expect(echoed == value)
            }
            let lengths = try await connection.query("SELECT length(value) FROM t ORDER BY id") { row in try row.decode(0, as: Int.self) }
            // PostgreSQL counts code points, not grapheme clusters.
            #expect(lengths == Self.awkwardStrings.map { $0.unicodeScalars.count })
        }
        await pool.close()
    }

    @Test("every column type decodes, and NULL only into optionals")
    func types() async throws {
        let pool = try await TestDatabase.freshPool()
        let uuid = UUID()
        let now = Date(timeIntervalSince1970: 1_795_000_000.123456)
        let bytes = Data((0...255).map { UInt8($0) })
        try await pool.withConnection { connection in
            try await connection.executeScript(
                """
                CREATE TABLE everything (
                    b boolean, i2 smallint, i4 integer, i8 bigint, f8 double precision, t text, v varchar(20),
                    ts timestamptz, d date, u uuid, bin bytea, tags text[], numbers bigint[], maybe_numbers float8[]
                )
                """
            )
            try await connection.execute(
                """
                INSERT INTO everything VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """,
                [
                    true, Int16.min, Int32.max, Int64.min, -0.5, "tekst", "kort", now, CalendarDate(year: 2024, month: 2, day: 29),
                    uuid, bytes, ["a", "b,c", "d\"e", ""], [Int.max, 0, -1], [1.5, nil, 3.0] as [Double?],
                ]
            )
            try await connection.executeScript("INSERT INTO everything DEFAULT VALUES")

            let rows = try await connection.query("SELECT * FROM everything ORDER BY b NULLS LAST") { row in
                (
                    b: try row.decode("b", as: Bool?.self), i2: try row.decode("i2", as: Int16?.self), i4: try row.decode("i4", as: Int32?.self),
                    i8: try row.decode("i8", as: Int64?.self), f8: try row.decode("f8", as: Double?.self), t: try row.decode("t", as: String?.self),
                    v: try row.decode("v", as: String?.self), ts: try row.decode("ts", as: Date?.self),
                    d: try row.decode("d", as: CalendarDate?.self),
                    u: try row.decode("u", as: UUID?.self), bin: try row.decode("bin", as: Data?.self),
                    tags: try row.decode("tags", as: [String]?.self),
                    numbers: try row.decode("numbers", as: [Int]?.self), maybe: try row.decode("maybe_numbers", as: [Double?]?.self)
                )
            }
            #expect(rows.count == 2)
            let full = rows[0]
            #expect(full.b == true)
            #expect(full.i2 == Int16.min)
            #expect(full.i4 == Int32.max)
            #expect(full.i8 == Int64.min)
            #expect(full.f8 == -0.5)
            #expect(full.t == "tekst")
            #expect(full.v == "kort")
            #expect(full.ts == now)
            #expect(full.d == CalendarDate(year: 2024, month: 2, day: 29))
            #expect(full.u == uuid)
            #expect(full.bin == bytes)
            #expect(full.tags == ["a", "b,c", "d\"e", ""])
            #expect(full.numbers == [Int.max, 0, -1])
            #expect(full.maybe == [1.5, nil, 3.0])

            let empty = rows[1]
            #expect(empty.b == nil && empty.i8 == nil && empty.t == nil && empty.ts == nil && empty.d == nil)
            #expect(empty.u == nil && empty.bin == nil && empty.tags == nil && empty.maybe == nil)

            // NULL into a non-optional is an error that names the column.
            let error = await #expect(throws: PostgresError.self) {
                _ = try await connection.query("SELECT t FROM everything WHERE b IS NULL") { row in try row.decode(0, as: String.self) }
            }
            #expect(error?.kind == .decoding)
            #expect(error?.column == "t")

            // Optional parameters send NULL.
            let isNull = try await connection.queryOne("SELECT $1::text IS NULL", [String?.none]) { row in try row.decode(0, as: Bool.self) }
            #expect(isNull == true)
            // Empty arrays and dates around PostgreSQL's epoch.
            let emptyArray = try await connection.queryOne("SELECT $1::text[]", [[String]()]) { row in try row.decode(0, as: [String].self) }
            #expect(emptyArray == [])
            for date in [
                CalendarDate(year: 1999, month: 12, day: 31), CalendarDate(year: 2000, month: 1, day: 1), CalendarDate(year: 1, month: 1, day: 1),
                CalendarDate(year: 2100, month: 3, day: 1),
            ] {
                let echoed = try await connection.queryOne("SELECT $1::date", [date]) { row in try row.decode(0, as: CalendarDate.self) }
                #expect(echoed == date)
                let text = try await connection.queryOne("SELECT $1::date::text", [date]) { row in try row.decode(0, as: String.self) }
                #expect(text == date.description)
            }
        }
        await pool.close()
    }

    enum Kleur: String, PostgresTextEnum { case rood, groen }

    @Test("a text enum decodes its known values, in arrays too, and refuses an unknown one by name instead of defaulting")
    func textEnums() async throws {
        let pool = try await TestDatabase.freshPool()
        let (groen, beide, geen) = try await pool.withConnection { connection in
            (
                try await connection.queryOne("SELECT 'groen'::text") { row in try row.decode(0, as: Kleur.self) },
                try await connection.queryOne("SELECT ARRAY['rood', 'groen']") { row in try row.decode(0, as: [Kleur].self) },
                try await connection.queryOne("SELECT NULL::text") { row in try row.decode(0, as: Kleur?.self) }
            )
        }
        #expect(groen == .groen)
        #expect(beide == [.rood, .groen])
        #expect(geen == .some(nil))
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try await connection.queryOne("SELECT 'paars'::text AS kleur") { row in try row.decode(0, as: Kleur.self) }
            }
        }
        #expect(error?.message.contains("unknown value 'paars' for Kleur") == true)
        #expect(error?.column == "kleur")
        await pool.close()
    }

    @Test("server errors carry SQLSTATE, constraint and message")
    func serverErrors() async throws {
        let pool = try await TestDatabase.freshPool()
        try await pool.withConnection { connection in
            try await connection.executeScript(
                "CREATE TABLE k (code text CONSTRAINT k_pkey PRIMARY KEY, n integer CONSTRAINT n_positief CHECK (n > 0))"
            )
            try await connection.execute("INSERT INTO k VALUES ($1, $2)", ["a", 1])
            let duplicate = await #expect(throws: PostgresError.self) {
                try await connection.execute("INSERT INTO k VALUES ($1, $2)", ["a", 2])
            }
            #expect(duplicate?.kind == .server)
            #expect(duplicate?.sqlState == "23505")
            #expect(duplicate?.isUniqueViolation == true)
            #expect(duplicate?.constraint == "k_pkey")
            #expect(duplicate?.table == "k")
            let check = await #expect(throws: PostgresError.self) {
                try await connection.execute("INSERT INTO k VALUES ($1, $2)", ["b", -1])
            }
            #expect(check?.sqlState == "23514")
            #expect(check?.constraint == "n_positief")
            let syntax = await #expect(throws: PostgresError.self) {
                try await connection.execute("SELEC 1")
            }
            #expect(syntax?.sqlState == "42601")
            // The connection is still fine after errors outside a transaction.
            let one = try await connection.queryOne("SELECT 1") { row in try row.decode(0, as: Int.self) }
            #expect(one == 1)
        }
        await pool.close()
    }
}
