// Benchmark of the core, run in release mode (see docs/performance.md):
//   swift build -c release && .build/release/s3wizard-bench [--iterations N] [--binary PATH]
// Prints medians and percentiles; these machines are noisy, so compare medians and ratios.
import Foundation
import S3HardeningCore

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

struct Stats {
    let samples: [Double]
    init(_ samples: [Double]) { self.samples = samples.sorted() }
    func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count - 1) * p))] }
    var median: Double { percentile(0.5) }
    func line(_ name: String, unit: Double = 1e6, unitName: String = "µs") -> String {
        let f = { (v: Double) in String(format: "%.1f", v * unit) }
        return "\(name): median \(f(median)) \(unitName), p10 \(f(percentile(0.1))), p90 \(f(percentile(0.9))) (n=\(samples.count))"
    }
}

func measure(_ iterations: Int, _ body: () -> Void) -> Stats {
    for _ in 0..<max(10, iterations / 20) { body() } // warm-up
    return Stats((0..<iterations).map { _ in seconds(body) })
}

var iterations = 2000
var binary: String? = nil
var breakdown = false
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--iterations": iterations = Int(args.popFirst() ?? "") ?? iterations
    case "--binary": binary = args.popFirst()
    case "--breakdown": breakdown = true
    default: FileHandle.standardError.write(Data("usage: s3wizard-bench [--iterations N] [--binary PATH]\n".utf8)); exit(2)
    }
}

print("s3wizard core benchmark, \(iterations) iterations per case, release build")
var sink = 0
for preset in Preset.all {
    let plan = preset.plan
    let artifacts = measure(iterations) { sink &+= plan.generate(proof: false).artifacts.files.count }
    let keystroke = measure(iterations) {
        // What one keystroke in the wizard costs the core: validate, then regenerate everything.
        var edited = plan
        edited.basics.environment += "x"
        let (diagnostics, artifacts) = edited.generate(proof: false)
        sink &+= diagnostics.count &+ artifacts.files.count
    }
    let policies = measure(iterations) { sink &+= plan.policies.bucket.statements.count }
    let bytes = plan.artifacts().files.reduce(0) { $0 + $1.contents.utf8.count }
    if breakdown {
        print("  " + measure(iterations / 4) { sink &+= plan.diagnostics.count }.line("  diagnostics            "))
        print("  " + measure(iterations / 4) { sink &+= TerraformModule(plan).files.count }.line("  terraform files        "))
        print("  " + measure(iterations / 4) { sink &+= plan.artifacts(formats: [.json]).files.count }.line("  json + readme + answers"))
        print("  " + measure(iterations / 4) { sink &+= plan.controlReports.count }.line("  control reports        "))
        print("  " + measure(iterations / 4) { sink &+= AnswersFile.render(plan).count }.line("  answers file           "))
    }
    print("\(preset.name) (\(plan.artifacts().files.count) files, \(bytes) bytes)")
    print("  " + policies.line("policy model only        "))
    print("  " + artifacts.line("plan -> all artifacts    "))
    print("  " + keystroke.line("edit, validate, all files"))
    let matrix = measure(max(50, iterations / 10)) { sink &+= ((try? plan.accessMatrix())?.cells.count ?? 0) }
    print("  " + matrix.line("access matrix (\((try? plan.accessMatrix())?.cells.count ?? 0) cells)"))
}

if let binary {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("s3wizard-bench-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    // posix_spawn + waitpid: Foundation's Process adds tens of milliseconds of its own.
    func run(_ extra: [String]) -> Double {
        let argv = [binary, "generate", "--example", "--out", out] + extra
        return seconds {
            var pid: pid_t = 0
            var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            let cArgs = argv.map { strdup($0) } + [nil]
            defer { cArgs.forEach { free($0) } }
            guard posix_spawn(&pid, binary, &actions, nil, cArgs, environ) == 0 else { fatalError("cannot start \(binary)") }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            posix_spawn_file_actions_destroy(&actions)
        }
    }
    let runs = 40
    _ = run(["--force"])
    let cold = Stats((0..<runs).map { _ in try? FileManager.default.removeItem(atPath: out); return run([]) })
    let rerun = Stats((0..<runs).map { _ in run([]) })
    print("whole process: `s3wizard generate --example --out DIR`")
    print("  " + cold.line("into an empty directory  ", unit: 1e3, unitName: "ms"))
    print("  " + rerun.line("rerun, nothing to change ", unit: 1e3, unitName: "ms"))
}
if sink == 42 { print("") } // keep the optimiser honest
