// swift-tools-version: 6.2
import PackageDescription

// Every target of ours is built in Swift 6 mode with all warnings as errors:
// the brief asks for no warnings, and CI is the place that keeps it so.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "voorveld",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "voorveld", targets: ["VoorveldCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // An HTTP client: `voorveld bench` loads the service with it, and the tests drive the real binary.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // `/metrics` in Prometheus' text format.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The libpq C API, from Debian's libpq-dev.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // A day without a time or zone, shared by the database client and the domain.
        .target(name: "CalendarDate", swiftSettings: strict),
        // A PostgreSQL client on libpq: connections, a pool, typed rows. No domain knowledge.
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ", "CalendarDate",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // posix_spawn's "close every other descriptor", which Swift does not import from glibc.
        .target(name: "CSpawn"),
        // Creates, starts and stops a private PostgreSQL cluster in a data folder.
        .target(
            name: "EmbeddedPostgres",
            dependencies: ["CSpawn", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // The domain: kernen, leefgebieden, hulpvragen and their rules. No SQL, no HTTP.
        .target(name: "Voorveld", dependencies: ["CalendarDate"], swiftSettings: strict),
        // Storage: migrations, seed loading and the SQL behind each domain operation.
        .target(
            name: "VoorveldStore",
            dependencies: [
                "Voorveld", "Postgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strict
        ),
        // HTTP: the API and pages on Hummingbird.
        .target(
            name: "VoorveldHTTP",
            dependencies: [
                "Voorveld", "VoorveldStore", "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The API's contract, edited as a file and compiled into the program.
            resources: [.embedInCode("openapi.json"), .embedInCode("voorveld.css")],
            swiftSettings: strict
        ),
        // The `voorveld` command: serve, migrate, seed.
        .executableTarget(
            name: "VoorveldCLI",
            dependencies: [
                "VoorveldHTTP", "VoorveldStore", "EmbeddedPostgres", "Postgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // `voorveld bench`: an HTTP client to load the service.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        // Test support: a real PostgreSQL for the test run, started once per process.
        .target(
            name: "TestDatabase",
            dependencies: ["Postgres", "EmbeddedPostgres"],
            path: "Tests/TestDatabase",
            swiftSettings: strict
        ),
        .testTarget(
            name: "PostgresTests",
            dependencies: ["Postgres", "EmbeddedPostgres", "TestDatabase", "CalendarDate"],
            swiftSettings: strict
        ),
        // Tests of the domain's rules that need no database: they run in a moment on their own
        // (swift test --filter DomainTests).
        .testTarget(
            name: "DomainTests",
            dependencies: ["Voorveld", "CalendarDate"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VoorveldTests",
            dependencies: [
                "Voorveld", "VoorveldStore", "VoorveldHTTP", "Postgres", "EmbeddedPostgres", "TestDatabase", "CalendarDate",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
    ]
)
