import Postgres

/// The database role the running service uses, and the checks that keep it powerless enough for
/// row-level security to mean something.
public enum ServiceRole {
    /// The group role the migrations grant to (see `sql/migrations/001_baseline.sql`).
    public static let group = "voorveld_service"
    /// The login role made for the embedded database and the tests.
    public static let login = "voorveld_app"

    /// Creates the `voorveld_app` login role (if missing) as a member of `voorveld_service`.
    /// Run as the owner, after the migrations. Only for clusters Voorveld manages itself: on a
    /// shared server a DBA makes the login role, with a password.
    public static func ensureLogin(_ owner: ConnectionPool) async throws {
        try await owner.withConnection { connection in
            try await connection.executeScript(
                """
                DO $$
                BEGIN
                    CREATE ROLE voorveld_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END
                $$;
                GRANT voorveld_service TO voorveld_app;
                """
            )
        }
    }

    /// Refuses a connection role for which row-level security would not hold: a superuser, a role
    /// with BYPASSRLS, the owner of the tables, or a role outside `voorveld_service`.
    /// - Throws: `ServiceRoleError` naming what is wrong and how to fix it.
    public static func verify(_ service: ConnectionPool) async throws {
        let facts = try await service.withConnection { connection in
            try await connection.queryOne(
                """
                SELECT current_user::text,
                       -- superuser or BYPASSRLS, itself or through any role it can become
                       EXISTS (SELECT 1 FROM pg_roles p WHERE (p.rolsuper OR p.rolbypassrls) AND pg_has_role(current_user, p.oid, 'MEMBER')),
                       r.rolcreaterole,
                       -- owner of a table, itself or through a role it inherits
                       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')),
                       pg_has_role(current_user, 'voorveld_service', 'MEMBER'),
                       -- a schema it may create objects in: a function or operator there could stand
                       -- in for one the policies use (the database of an old PostgreSQL gave PUBLIC
                       -- CREATE on public)
                       (SELECT string_agg(n.nspname, ', ' ORDER BY n.nspname) FROM pg_namespace n
                        WHERE has_schema_privilege(current_user, n.oid, 'CREATE'))
                FROM pg_roles r WHERE r.rolname = current_user
                """
            ) { row in
                (
                    user: try row.decode(0, as: String.self), privileged: try row.decode(1, as: Bool.self),
                    createRole: try row.decode(2, as: Bool.self),
                    owner: try row.decode(3, as: Bool.self), member: try row.decode(4, as: Bool.self), creates: try row.decode(5, as: String?.self)
                )
            }
        }
        guard let facts else { throw ServiceRoleError(reason: "the connection's role was not found in pg_roles") }
        if facts.privileged {
            throw ServiceRoleError(
                reason:
                    "the service connects as \(facts.user), which is (or can become) a superuser or a role with BYPASSRLS, so row-level security would not apply"
            )
        }
        if facts.createRole {
            throw ServiceRoleError(reason: "the service connects as \(facts.user), which has CREATEROLE")
        }
        if facts.owner {
            throw ServiceRoleError(reason: "the service connects as \(facts.user), which owns (or is a member of the owner of) Voorveld's tables")
        }
        if let schemas = facts.creates {
            throw ServiceRoleError(
                reason:
                    "the service connects as \(facts.user), which may create objects in schema \(schemas) (REVOKE CREATE ON SCHEMA ... FROM PUBLIC)"
            )
        }
        if !facts.member {
            throw ServiceRoleError(reason: "the service connects as \(facts.user), which is not a member of \(group)")
        }
    }
}

public struct ServiceRoleError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String {
        "Voorveld will not serve: \(reason). Connect the service (DATABASE_URL) as a login role that is a member of "
            + "\(ServiceRole.group) and owns nothing, and run migrations as the owner (DATABASE_OWNER_URL)."
    }
}
