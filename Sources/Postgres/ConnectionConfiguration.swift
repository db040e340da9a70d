import CLibPQ
import Foundation

/// How to reach a PostgreSQL server: libpq connection keywords, read like psql reads them.
///
/// Anything not given here is filled in by libpq from the standard variables
/// (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGPASSWORD`, `PGSERVICE`, `PGSSLMODE`, ...),
/// `~/.pgpass` and `pg_service.conf`, so operators configure Voorveld as they configure psql.
public struct ConnectionConfiguration: Sendable, CustomStringConvertible {
    /// libpq keywords in order; a later keyword overrides an earlier one.
    public var parameters: [(keyword: String, value: String)]
    /// Every statement is stopped after this long (PostgreSQL `statement_timeout`).
    public var statementTimeout: Duration
    /// Session settings applied right after connecting, as `set_config(name, value, false)`.
    public var sessionSettings: [(name: String, value: String)] = []

    public init(parameters: [(keyword: String, value: String)] = [], statementTimeout: Duration = .seconds(30)) {
        self.parameters = parameters
        self.statementTimeout = statementTimeout
    }

    /// A configuration from a connection URI or `key=value` string (`postgresql://user@host/db`).
    public init(url: String, statementTimeout: Duration = .seconds(30)) {
        self.init(parameters: [("dbname", url)], statementTimeout: statementTimeout)
    }

    /// A server listening on a Unix socket in `directory`.
    public static func unixSocket(directory: String, database: String, user: String) -> ConnectionConfiguration {
        ConnectionConfiguration(parameters: [("host", directory), ("dbname", database), ("user", user)])
    }

    /// The variables that mean "a database is configured" when any of them is set.
    public static let environmentVariables = ["DATABASE_URL", "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGSERVICE"]

    /// The database named by `DATABASE_URL` or the standard `PG*` variables, or nil when none is set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ConnectionConfiguration? {
        let named = environmentVariables.contains { !(environment[$0] ?? "").isEmpty }
        guard named else { return nil }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return ConnectionConfiguration(url: url) }
        return ConnectionConfiguration()
    }

    /// The same server, another database on it.
    public func database(_ name: String) -> ConnectionConfiguration {
        var copy = self
        copy.parameters.append(("dbname", name))
        return copy
    }

    /// The keyword list handed to `PQconnectdbParams`, with Voorveld's defaults first so that
    /// anything the operator gave wins.
    var effectiveParameters: [(keyword: String, value: String)] {
        var defaults: [(keyword: String, value: String)] = [("fallback_application_name", "voorveld")]
        // A connect that hangs holds a pool slot; libpq's default is to wait forever.
        if ProcessInfo.processInfo.environment["PGCONNECT_TIMEOUT"] == nil {
            defaults.append(("connect_timeout", "5"))
        }
        return defaults + parameters
    }

    /// Calls `body` with NULL-terminated C arrays of keywords and values.
    func withKeywordArrays<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let entries = effectiveParameters
        let keywords = entries.map { strdup($0.keyword) }
        let values = entries.map { strdup($0.value) }
        defer {
            for keyword in keywords { free(keyword) }
            for value in values { free(value) }
        }
        let keywordArray = keywords.map { UnsafePointer($0) } + [nil]
        let valueArray = values.map { UnsafePointer($0) } + [nil]
        return keywordArray.withUnsafeBufferPointer { k in
            valueArray.withUnsafeBufferPointer { v in body(k.baseAddress!, v.baseAddress!) }
        }
    }

    /// The target without secrets, for logs and error messages: a secret keyword's value is
    /// hidden whole, and every other value (a `dbname` may be a whole connection string) as
    /// `redacted` hides the secrets in it.
    public var description: String {
        let shown = parameters.map { entry -> String in
            let value = Self.secretKeywords.contains(entry.keyword.lowercased()) ? Self.redactionMark : Self.redacted(entry.value)
            return "\(entry.keyword)=\(value)"
        }
        return shown.isEmpty ? "(from PG* environment)" : shown.joined(separator: " ")
    }
}
