import CalendarDate
import EmbeddedPostgres
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import TestDatabase
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

/// The figures read from a streaming replica (`REPORTS_DATABASE_URL`): a second PostgreSQL in
/// standby mode, made with `pg_basebackup` from a primary of this test's own.
@Suite("Read replica")
struct ReplicaTests {
    @Test("figures come from a standby that follows the primary; their audit rows go to the primary; without the standby only the figures fail")
    func figuresFromStandby() async throws {
        let cluster = try await OwnCluster.start(demoHulpvragen: true)
        let primary = cluster.embedded
        let owner = cluster.owner

        // The standby: a base backup of the primary that keeps streaming its changes.
        let folder = TestDatabase.temporaryDirectory()
        let basebackup = try #require(primary.clientProgram("pg_basebackup"))
        try runProgram(
            basebackup,
            ["-D", folder + "/pgdata", "-R", "-X", "stream", "--checkpoint=fast", "-h", primary.socketDirectory, "-U", primary.configuration.user],
            asServerIn: folder
        )
        let standby = try EmbeddedPostgres(.init(directory: folder))
        _ = try await standby.start()
        ShutdownAtExit.register(standby)
        let primaryService = cluster.service(maxConnections: 4)
        let standbyService = ConnectionPool(
            .init(connection: standby.connection(user: ServiceRole.login), maxConnections: 4, acquireTimeout: .seconds(2))
        )
        let inRecovery = try await standbyService.withConnection { connection in
            try await connection.queryOne("SELECT pg_is_in_recovery()") { row in try row.decode(0, as: Bool.self) }
        }
        #expect(inRecovery == true)

        let withReplica = buildApplication(
            HTTPConfiguration(port: 0),
            dependencies: AppDependencies(
                pool: primaryService,
                hasher: TestEnvironment.hasher,
                rapportage: standbyService
            ),
            logger: Logger(label: "replica-test")
        )
        let headers: HTTPFields = [.authorization: "Bearer \(Demo.kernteamlid.token)"]
        let uri = "/v1/cijfers/voorliggend-veld?van=2026-01-01&tot=2026-12-31"
        @Sendable func afgesloten(_ client: some TestClientProtocol) async throws -> Int? {
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return ((body?["totaal"] as? [String: Any])?["afgesloten"] as? [String: Any])?["waarde"] as? Int
            }
        }
        try await withReplica.test(.router) { client in
            let gelezen = try await afgesloten(client)
            let before = try #require(gelezen)
            // A hulpvraag closed on the primary shows in the standby's figures once replayed.
            let (id, versie) = try #require(
                try await owner.withConnection { connection in
                    try await connection.queryOne(
                        """
                        SELECT id::text, versie FROM hulpvragen h WHERE status = 'nieuw' AND kernteam = 'heteren'
                          AND NOT EXISTS (SELECT 1 FROM koppelingen k WHERE k.hulpvraag = h.id) LIMIT 1
                        """
                    ) { row in (try row.decode(0, as: String.self), try row.decode(1, as: Int.self)) }
                }
            )
            let today = CalendarDate.vandaagISO
            try await client.execute(
                uri: "/v1/hulpvragen/\(id)/afsluiting",
                method: .put,
                headers: Fixtures.headers(Demo.kernteamlid.token, [.ifMatch: "\"\(versie)\""]),
                body: ByteBuffer(string: #"{"uitkomst": "niet-opgelost", "afgeslotenOp": "\#(today)"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await Self.waitForReplay(primary: owner, standby: standbyService)
            let after = try await afgesloten(client)
            #expect(after == before + 1)
        }
        // Every read of the figures left its audit row on the primary (the standby takes no writes).
        let audited = try await owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM auditlog WHERE actie = 'cijfers-lezen'") { row in try row.decode(0, as: Int.self) }
        }
        #expect(audited == 2)

        // Without the standby: the service stays ready and says which database is away; only the figures fail.
        try await standby.stop()
        try await withReplica.test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(body?["checks"] as? [String: String] == ["database": "ok", "rapportagedatabase": "onbereikbaar"])
            }
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/v1/hulpvragen", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
            }
        }
        await standbyService.close()
        await primaryService.close()
        await owner.close()
        try await primary.stop()
    }

    /// Waits until the standby has replayed everything the primary has written so far (however
    /// long that takes on this machine: the bound only catches a standby that stopped following).
    static func waitForReplay(primary: ConnectionPool, standby: ConnectionPool) async throws {
        let lsn = try await primary.withConnection { connection in
            try await connection.queryOne("SELECT pg_current_wal_lsn()::text") { row in try row.decode(0, as: String.self) }!
        }
        let replayed = try await TestDatabase.waitUntil(every: .milliseconds(50)) {
            try await standby.withConnection { connection in
                try await connection.queryOne("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", [lsn]) { row in try row.decode(0, as: Bool.self) }
            } == true
        }
        if !replayed { Issue.record("the standby did not replay \(lsn) within 120 s") }
    }
}

extension CalendarDate {
    /// Today in the Netherlands, as `YYYY-MM-DD`.
    static var vandaagISO: String { CalendarDate.vandaag().description }
}
