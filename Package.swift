// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "s3wizard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "s3wizard", targets: ["s3wizard"]),
        .library(name: "S3HardeningCore", targets: ["S3HardeningCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure core: plan, validation, policy model, renderers, control catalogue, exporter. No terminal.
        .target(
            name: "S3HardeningCore",
            dependencies: ["CFileSystem", .product(name: "Yams", package: "Yams")]
        ),
        // syncfs(2) for the exporter: one flush for the staged files instead of an fsync each.
        .target(name: "CFileSystem"),
        // Thin executable: argument parsing, wiring, exit codes.
        .executableTarget(
            name: "s3wizard",
            dependencies: [
                "S3HardeningCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-mode benchmark of the core (see docs/performance.md).
        .executableTarget(name: "s3wizard-bench", dependencies: ["S3HardeningCore"]),
        // Golden files live beside the tests and are found through #filePath (recorded with S3WIZARD_RECORD=1).
        .testTarget(
            name: "S3HardeningCoreTests",
            // Depends on the executable so the CLI tests find it built beside the test bundle.
            dependencies: ["S3HardeningCore", "s3wizard"],
            exclude: ["Golden"]
        ),
    ]
)
