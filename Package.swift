// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "authaudit",
    products: [
        .executable(name: "authaudit", targets: ["authaudit"]),
        .library(name: "AuthAuditKit", targets: ["AuthAuditKit"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(
            name: "AuthAuditKit",
            dependencies: ["CSQLite", "CZlib", "CYAML"]
        ),
        .executableTarget(name: "authaudit", dependencies: ["AuthAuditKit"]),
        .testTarget(name: "AuthAuditKitTests", dependencies: ["AuthAuditKit"]),
    ]
)
