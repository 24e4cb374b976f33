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
        // Tests only: property-based tests of the answers file and the renderers.
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        // Pure core: plan, validation, policy model, renderers, control catalogue, exporter. No terminal.
        .target(
            name: "S3HardeningCore",
            dependencies: ["CFileSystem", "CYAML", "CNettle"],
            // Each file sees only what it imports: a file that imports FoundationEssentials cannot use
            // Foundation's members because another file imported Foundation.
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")],
            // nettle-dev's static archive (`-l:libnettle.a`), not libnettle.so: the shared library's own
            // relocations cost the dynamic loader 0.36 M instructions at every start (+2.8 % of `s3wizard --help`);
            // the archive adds 35 KB and keeps nettle's choice of SHA instructions at run time.
            linkerSettings: [.linkedLibrary(":libnettle.a")]
        ),
        // Debian's libyaml for reading answers files: a C parser with each event's line, and no Foundation.
        .systemLibrary(name: "CYAML", providers: [.apt(["libyaml-dev"])]),
        // Debian's libnettle for SHA-256: a well-kept C library that uses the CPU's SHA instructions when it has
        // them, and needs only libc. Linked statically (S3HardeningCore's linkerSettings above).
        .systemLibrary(name: "CNettle", providers: [.apt(["nettle-dev"])]),
        // syncfs(2) for the exporter: one flush for the staged files instead of an fsync each.
        .target(name: "CFileSystem"),
        // Pure UI model: state, update(event) -> effects, view(size) -> ScreenBuffer, themes. No terminal.
        .target(name: "WizardUI", dependencies: ["S3HardeningCore"],
                swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
        // ncursesw, wide-character build, through a small shim header (macros Swift cannot import).
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The only code that calls ncurses: terminal checks, setup/teardown, keys, drawing changed rows.
        .target(name: "TerminalBackend", dependencies: ["WizardUI", "S3HardeningCore", "CNcursesw", "CTerminalSignals"]),
        // Signal flags and the crash handler that saves the draft: C, so their state exists once. tinfo too: the
        // static release binary takes ncurses from libncursesw.a, whose terminfo functions are in libtinfo.a.
        .target(name: "CTerminalSignals", linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]),
        // Thin executable: argument parsing, wiring, exit codes.
        .executableTarget(
            name: "s3wizard",
            dependencies: [
                "S3HardeningCore", "WizardUI", "TerminalBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Linux release builds are static-pie: no dynamic loader and no shared library to map and bind at
            // start (issue 11), still placed at a random address. lld, because gold cannot link static-pie; needs
            // `--disable-local-rpath` (glibc's static-pie start refuses a run path). `--no-warnings` silences
            // glibc's notes that getpwuid and dlopen in a static binary use the NSS modules installed beside it.
            // docs/architecture.md, "A static-pie release binary".
            linkerSettings: [.unsafeFlags(["-static-executable", "-use-ld=lld", "-Xclang-linker", "-static-pie",
                                           "-Xlinker", "--no-warnings"],
                                          .when(platforms: [.linux], configuration: .release))]
        ),
        // Release-mode benchmark of the core and of the wizard's model (see docs/performance.md).
        .executableTarget(name: "s3wizard-bench", dependencies: ["S3HardeningCore", "WizardUI"]),
        // Golden files live beside the tests and are found through #filePath (recorded with S3WIZARD_RECORD=1).
        .testTarget(
            name: "S3HardeningCoreTests",
            // Depends on the executable so the CLI tests find it built beside the test bundle.
            dependencies: [
                "S3HardeningCore", "s3wizard", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"]
        ),
        // Shared by the test targets: compare-or-record for golden files, a seeded random generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Keys pressed against the model, snapshots of every screen, a headless ncurses backend test.
        .testTarget(
            name: "WizardUITests",
            dependencies: ["WizardUI", "TerminalBackend", "S3HardeningCore", "TestSupport"],
            exclude: ["Snapshots"]
        ),
    ]
)
