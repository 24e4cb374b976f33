#!/usr/bin/env bash
# What Foundation and Yams cost a statically linked Swift binary on this machine (docs/architecture.md, "Foundation"):
# four programs that read the same answers file, built with `swift build -c release --static-swift-stdlib` in a
# scratch package, side by side:
#   essentials  FoundationEssentials only (reads the file, counts its lines)
#   foundation  the same with Foundation linked (NSString, JSONSerialization)
#   yams        FoundationEssentials + Yams.compose (Yams imports Foundation)
#   libyaml     FoundationEssentials + Debian's libyaml directly (a system-library target), every node with its line
# and prints each one's binary size, instructions (callgrind, on `strip -g` copies), peak RSS and start-to-exit time.
# Usage: scripts/foundation-cost.sh [ANSWERS_FILE]   (default docs/examples/reader-writer.yaml)
# Needs libyaml-dev, valgrind, hyperfine, python3 (apt-get install -y libyaml-dev valgrind hyperfine).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
ANSWERS="$(cd "$(dirname "${1:-$REPO/docs/examples/reader-writer.yaml}")" && pwd)/$(basename "${1:-reader-writer.yaml}")"
[[ -f "$ANSWERS" ]] || { echo "foundation-cost: no file $ANSWERS" >&2; exit 1; }
PKG="$(mktemp -d "${TMPDIR:-/tmp}/s3wizard-foundation-cost.XXXXXX")"
trap 'rm -rf "$PKG"' EXIT
mkdir -p "$PKG"/Sources/{essentials,foundation,yams,libyaml,CYAML}
cat > "$PKG/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "cost",
    dependencies: [.package(url: "https://github.com/jpsim/Yams", from: "6.2.2")],
    targets: [
        .executableTarget(name: "essentials"),
        .executableTarget(name: "foundation"),
        .executableTarget(name: "yams", dependencies: [.product(name: "Yams", package: "Yams")]),
        .systemLibrary(name: "CYAML", providers: [.apt(["libyaml-dev"])]),
        .executableTarget(name: "libyaml", dependencies: ["CYAML"]),
    ])
SWIFT
cat > "$PKG/Sources/CYAML/module.modulemap" <<'MAP'
module CYAML [system] {
    header "/usr/include/yaml.h"
    link "yaml"
    export *
}
MAP
READ='let path = CommandLine.arguments[1]
guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { fatalError("cannot read \(path)") }'
printf 'import FoundationEssentials\n%s\nprint(text.split(separator: "\\n").count)\n' "$READ" > "$PKG/Sources/essentials/main.swift"
printf 'import Foundation\n%s\nlet json = try JSONSerialization.data(withJSONObject: ["lines": (text as NSString).components(separatedBy: "\\n").count])\nprint(String(decoding: json, as: UTF8.self))\n' "$READ" > "$PKG/Sources/foundation/main.swift"
printf 'import FoundationEssentials\nimport Yams\n%s\nfunc count(_ node: Node) -> Int {\n    switch node {\n    case .scalar: return 1\n    case let .mapping(m): return 1 + m.reduce(0) { $0 + count($1.key) + count($1.value) }\n    case let .sequence(s): return 1 + s.reduce(0) { $0 + count($1) }\n    case .alias: return 1\n    }\n}\nlet root = try Yams.compose(yaml: text)\nprint(root.map(count) ?? 0, root?.mark?.line ?? 0)\n' "$READ" > "$PKG/Sources/yams/main.swift"
cat > "$PKG/Sources/libyaml/main.swift" <<'SWIFT'
import CYAML
import FoundationEssentials
let path = CommandLine.arguments[1]
guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
let bytes = [UInt8](data)
var parser = yaml_parser_t()
guard yaml_parser_initialize(&parser) == 1 else { fatalError("libyaml") }
var nodes = 0, lastLine = 0
bytes.withUnsafeBufferPointer { buffer in
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    var event = yaml_event_t()
    while yaml_parser_parse(&parser, &event) == 1 {
        defer { yaml_event_delete(&event) }
        switch event.type {
        case YAML_SCALAR_EVENT, YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT, YAML_ALIAS_EVENT:
            nodes += 1
            lastLine = Int(event.start_mark.line) + 1
            if event.type == YAML_SCALAR_EVENT {
                _ = String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length), as: UTF8.self)
            }
        case YAML_STREAM_END_EVENT: return
        default: break
        }
    }
    fatalError("not valid YAML, line \(parser.problem_mark.line + 1)")
}
yaml_parser_delete(&parser)
print(nodes, lastLine)
SWIFT
(cd "$PKG" && swift build -c release --static-swift-stdlib 2>&1 | tail -1)
PROGRAMS=(essentials foundation yams libyaml)
for p in "${PROGRAMS[@]}"; do strip -g -o "$PKG/$p.stripped" "$PKG/.build/release/$p"; done
python3 - "$PKG" "$ANSWERS" "${PROGRAMS[@]}" <<'PY'
import json, os, re, resource, statistics, subprocess, sys
pkg, answers, programs = sys.argv[1], sys.argv[2], sys.argv[3:]
def rss(binary):  # peak RSS of one run, MiB (getrusage of the waited child)
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY); os.dup2(fd, 1)
        os.execv(binary, [binary, answers])
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_maxrss / 1024
rows = []
for p in programs:
    binary = os.path.join(pkg, ".build/release", p)
    out = subprocess.run([binary, answers], capture_output=True, text=True, check=True).stdout.strip()
    log = os.path.join(pkg, p + ".callgrind.log")
    subprocess.run(["valgrind", "--tool=callgrind", "--read-var-info=no", "--callgrind-out-file=/dev/null", f"--log-file={log}",
                    os.path.join(pkg, p + ".stripped"), answers], stdout=subprocess.DEVNULL, check=True)
    instructions = int(re.search(r"Collected : (\d+)", open(log).read()).group(1))
    peak = statistics.median(rss(binary) for _ in range(15))
    result = os.path.join(pkg, p + ".json")
    subprocess.run(["hyperfine", "-N", "--warmup", "5", "--runs", "40", "--style", "none", "--export-json", result, f"{binary} {answers}"],
                   stdout=subprocess.DEVNULL, check=True)
    time = json.load(open(result))["results"][0]
    rows.append((p, os.path.getsize(binary) / 1e6, instructions / 1e6, peak, time["median"] * 1e3, time["stddev"] * 1e3, out))
print(f"load {open('/proc/loadavg').read().split()[0]}, answers file {answers}")
print("| program | binary | instructions | peak RSS | start → exit (median, σ) | output |")
print("|---|---|---|---|---|---|")
for p, size, ins, peak, median, sd, out in rows:
    print(f"| {p} | {size:.1f} MB | {ins:.1f} M | {peak:.1f} MiB | {median:.2f} ms (σ {sd:.2f}) | {out} |")
PY
