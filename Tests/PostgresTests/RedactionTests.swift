import Foundation
import Postgres
import TestDatabase
import Testing

/// No password in a log line, an error or a description, in any form libpq accepts (issue 14).
@Suite("Connection strings without secrets")
struct RedactionTests {
    /// Each form libpq reads a secret in, and what may be shown of it. Every secret has `Geheim`
    /// in it, and the pieces after a space or quote have a `7Qx`.
    static let forms: [(String, String)] = [
        // The user info of a URI, also with an `@` or a `/` that was not percent-encoded.
        ("postgresql://u:Geheim-7Qx@h/db", "postgresql://u:***@h/db"),
        ("postgres://u:Geheim-7Qx@h:5432/db?sslmode=require", "postgres://u:***@h:5432/db?sslmode=require"),
        ("postgresql://u:Geheim%407Qx@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u:Geheim@7Qx@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u:Geheim/7Qx@h/db", "postgresql://u:***@h/db"),
        // libpq takes a `?` before the `@` as part of the password.
        ("postgresql://u:Geheim?7Qx@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u:Geheim-7Qx@/db?host=/tmp/pg", "postgresql://u:***@/db?host=/tmp/pg"),
        // Parameters of a URI's query, percent-encoded names too; the others stay.
        ("postgresql://u@h/db?password=Geheim-7Qx", "postgresql://u@h/db?password=***"),
        (
            "postgresql://u@h/db?sslmode=require&password=Geheim-7Qx&application_name=x",
            "postgresql://u@h/db?sslmode=require&password=***&application_name=x"
        ),
        ("postgresql://u@h/db?sslpassword=Geheim-7Qx", "postgresql://u@h/db?sslpassword=***"),
        ("postgresql:///db?pass%77ord=Geheim-7Qx&host=/tmp", "postgresql:///db?pass%77ord=***&host=/tmp"),
        ("postgresql://u:Geheim-7Qx@/db?host=/tmp&password=Geheim-7Qx", "postgresql://u:***@/db?host=/tmp&password=***"),
        // key=value, with spaces around `=`, quoted with an escaped quote, unterminated, in capitals.
        ("host=h password=Geheim-7Qx dbname=db", "host=h password=*** dbname=db"),
        ("host=h password = Geheim-7Qx dbname=db", "host=h password = *** dbname=db"),
        ("host=h password='Geheim 7Qx' user=u", "host=h password=*** user=u"),
        (#"host=h password = 'a b\'Geheim-7Qx' user=u"#, "host=h password = *** user=u"),
        (#"host=h password='Geheim-7Qx"#, "host=h password=***"),
        ("host=h sslpassword=Geheim-7Qx sslmode=verify-full", "host=h sslpassword=*** sslmode=verify-full"),
        ("host=h PASSWORD=Geheim-7Qx", "host=h PASSWORD=***"),
        // Unquoted with a space: libpq would refuse `7Qx` as a keyword (and quote it back).
        ("host=h password=Geheim 7Qx user=u", "host=h password=*** user=u"),
        // A URI as libpq quotes it back in an error.
        (
            #"end of string reached when looking for matching "]" in IPv6 host address in URI: "postgresql://u:Geheim-7Qx@[::1/db""#,
            #"end of string reached when looking for matching "]" in IPv6 host address in URI: "postgresql://u:***@[::1/db""#
        ),
    ]

    @Test("the one redaction hides every form of secret libpq accepts, and nothing else")
    func everyForm() {
        for (text, shown) in Self.forms {
            let redacted = ConnectionConfiguration.redacted(text)
            #expect(redacted == shown, "\(text)")
            #expect(!redacted.contains("Geheim") && !redacted.contains("7Qx"), "\(text)")
        }
        for harmless in [
            "host=/tmp/pg user=voorveld dbname=voorveld", "postgresql://u@h:5432/db?user=a@b&sslmode=require",
            "mypassword=x", "password=", "postgresql:///voorveld?host=/tmp",
        ] {
            #expect(ConnectionConfiguration.redacted(harmless) == harmless)
        }
    }

    @Test("a configuration describes itself without its secrets, in every form it can be given")
    func description() {
        var configurations = Self.forms.map { ConnectionConfiguration(url: $0.0) }
        configurations.append(ConnectionConfiguration(parameters: [("host", "/tmp/pg"), ("password", "Geheim-7Qx"), ("sslpassword", "Geheim 7Qx")]))
        configurations.append(ConnectionConfiguration(url: "postgresql://u:Geheim-7Qx@h/db").database("andere"))
        for configuration in configurations {
            let text = "\(configuration)"
            #expect(!text.contains("Geheim") && !text.contains("7Qx"), "\(text)")
            #expect(text.contains("***"), "\(text)")
        }
        #expect("\(ConnectionConfiguration(parameters: [("host", "/tmp/pg"), ("password", "Geheim-7Qx")]))" == "host=/tmp/pg password=***")
    }

    @Test("a failed connection's error holds no secret, also where libpq quotes back what it could not read")
    func connectionErrors() async throws {
        let nowhere = TestDatabase.temporaryDirectory()  // no server listens here
        defer { try? FileManager.default.removeItem(atPath: nowhere) }
        let configurations = [
            // libpq answers `invalid percent-encoded token: "Geheim%zz7Qx"`.
            ConnectionConfiguration(url: "postgresql://u:Geheim%zz7Qx@/db?host=\(nowhere)"),
            // ... `missing "=" after "7Qx" in connection info string`.
            ConnectionConfiguration(url: "host=\(nowhere) password=Geheim 7Qx user=u"),
            // ... `unterminated quoted string in connection info string`.
            ConnectionConfiguration(url: #"host=\#(nowhere) password='a b\'Geheim-7Qx"#),
            // These parse, and fail at the socket.
            ConnectionConfiguration(url: "postgresql://u:Geheim-7Qx@/db?host=\(nowhere)&sslpassword=Geheim-7Qx"),
            ConnectionConfiguration(parameters: [("host", nowhere), ("user", "u"), ("password", "Geheim-7Qx")]),
        ]
        for configuration in configurations {
            let pool = ConnectionPool(.init(connection: configuration, maxConnections: 1, acquireTimeout: .milliseconds(200)))
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withConnection { _ in () }
            }
            let text = error.map(String.init(describing:)) ?? ""
            #expect(text.contains("cannot connect to"), "\(text)")
            #expect(!text.contains("Geheim") && !text.contains("7Qx"), "\(text)")
            await pool.close()
        }
    }
}
