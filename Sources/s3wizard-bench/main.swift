// Benchmark of the core, run in release mode (see docs/performance.md):
//   swift build -c release && .build/release/s3wizard-bench [--iterations N] [--binary PATH]
// and of the interactive wizard's model (keystroke -> frame at 120x40, no terminal):
//   .build/release/s3wizard-bench wizard [--iterations N]
// and a bench plan as an answers file, for hyperfine on the real binary (issue 14):
//   .build/release/s3wizard-bench answers data-lake-50x20 > /tmp/data-lake-50x20.yaml
// and a fixed number of typed keys, no timing, for instruction counts under callgrind (issue 11):
//   .build/release/s3wizard-bench keys PLAN N      (PLAN: example, maximum-protection, eight-roles, data-lake-50x20)
// Prints medians and percentiles; these machines are noisy, so compare medians and ratios.
import Foundation
import S3HardeningCore
import WizardUI

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
var wizard = false
var keysRun: (plan: String, count: Int)? = nil
var answersOf: String? = nil
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--iterations": iterations = Int(args.popFirst() ?? "") ?? iterations
    case "--binary": binary = args.popFirst()
    case "--breakdown": breakdown = true
    case "wizard": wizard = true
    case "keys" where args.count == 2: keysRun = (args.popFirst()!, Int(args.popFirst()!) ?? -1)
    case "answers" where args.count == 1: answersOf = args.popFirst()
    default:
        FileHandle.standardError.write(Data("usage: s3wizard-bench [--iterations N] [--binary PATH] [--breakdown]\n       s3wizard-bench wizard [--iterations N]\n       s3wizard-bench keys example|maximum-protection|eight-roles|data-lake-50x20 N\n".utf8))
        exit(2)
    }
}

// MARK: - Interactive wizard (`s3wizard-bench wizard`)

/// One frame as the runtime does it (Sources/s3wizard/Interactive.swift): the key, regeneration, the view, and
/// the backend's row diff against the last buffer; then, once input has stopped, the crash draft (the answers
/// rendered whenever the plan changed), which is timed but not part of the keystroke → frame total.
struct FrameLoop {
    enum Phase: Int, CaseIterable { case update, refresh, view, diff, draft }
    static let phaseNames = ["update(key)", "refresh (regenerate)", "view()", "row diff", "crash draft (idle, not in total)"]
    static let framePhases = Phase.allCases.filter { $0 != .draft }
    var model: WizardModel
    var previous: ScreenBuffer
    var draftPlan: Plan
    var sink = 0

    init(_ model: WizardModel) {
        var model = model
        model.refresh()
        self.model = model
        previous = model.view()
        draftPlan = model.plan
    }

    /// Presses the keys (as one batch, like a paste), then makes one frame; `phases` gets each part's seconds.
    /// Returns how many rows the backend would redraw.
    mutating func frame(_ keys: [Key], _ phases: inout [Double], idle: Bool = true) -> Int {
        var t = DispatchTime.now().uptimeNanoseconds
        func lap(_ phase: Phase) {
            let now = DispatchTime.now().uptimeNanoseconds
            phases[phase.rawValue] = Double(now - t) / 1e9
            t = now
        }
        for key in keys { _ = model.update(.key(key)) }
        lap(.update)
        model.refresh()
        lap(.refresh)
        let buffer = model.view()
        lap(.view)
        var changed = 0
        for y in 0..<buffer.size.height where previous.size != buffer.size || !previous.sameRow(y, as: buffer) { changed += 1 }
        previous = buffer
        lap(.diff)
        if idle, model.plan != draftPlan {
            draftPlan = model.plan
            // As the loop does when input stops: the generated answers file, copied into C memory for the crash handler.
            sink &+= Array((model.generated.file(Plan.answersFileName) ?? "").utf8).count
        }
        lap(.draft)
        return changed
    }
}

/// Times `iterations` frames (after a warm-up); `keys(i)` gives the keys of frame i. With `reset`, every frame
/// starts from that state again (not timed).
func measureFrames(_ loop: inout FrameLoop, _ iterations: Int, reset: FrameLoop? = nil, keys: (Int) -> [Key])
    -> (total: Stats, phases: [Stats], rows: Stats) {
    var phases = [Double](repeating: 0, count: FrameLoop.Phase.allCases.count)
    for i in 0..<max(20, iterations / 10) { // warm-up
        if let reset { loop = reset }
        _ = loop.frame(keys(i), &phases)
    }
    var totals: [Double] = [], perPhase = [[Double]](repeating: [], count: phases.count), rows: [Double] = []
    for i in 0..<iterations {
        if let reset { loop = reset }
        rows.append(Double(loop.frame(keys(i), &phases)))
        totals.append(FrameLoop.framePhases.map { phases[$0.rawValue] }.reduce(0, +))
        for p in phases.indices { perPhase[p].append(phases[p]) }
    }
    return (Stats(totals), perPhase.map(Stats.init), Stats(rows))
}

func report(_ name: String, _ result: (total: Stats, phases: [Stats], rows: Stats)) {
    print("  " + result.total.line(name))
    // Share: each part's summed time over the summed frame time (medians of the parts do not add up).
    let sum = result.total.samples.reduce(0, +)
    for (index, stats) in result.phases.enumerated() where stats.samples.reduce(0, +) > 0 {
        let share = stats.samples.reduce(0, +) / sum * 100
        let f = { (v: Double) in String(format: "%.1f", v * 1e6) }
        let label = FrameLoop.phaseNames[index].padding(toLength: 22, withPad: " ", startingAt: 0)
        print("      \(label) median \(f(stats.median)) µs, p90 \(f(stats.percentile(0.9))), share \(String(format: "%.0f", share)) %")
    }
    print("      rows redrawn: median \(Int(result.rows.median)) of 40")
}

/// Issue 14's scale: 50 teams × 20 datasets in access-points mode (one access point per team).
let dataLake50x20 = Preset.dataLakePlan(teams: 50, datasets: 20)

/// The plans the keystroke figures are measured on: the example, the largest preset, the example with eight
/// data roles (the role-dependent statements and files grow with each), and 50 teams × 20 datasets.
let benchPlans: [(name: String, plan: Plan)] = {
    var eightRoles = Plan.example
    let template = eightRoles.dataAccess.roles[0]
    for i in eightRoles.dataAccess.roles.count..<8 {
        var role = template
        role.name = "extra\(i)"
        role.prefixes = ["extra\(i)/"]
        eightRoles.dataAccess.roles.append(role)
    }
    return [("example", Plan.example), ("maximum-protection", Preset.maximumProtection.plan), ("eight-roles", eightRoles),
            ("data-lake-50x20", dataLake50x20)]
}()

/// Typing in the service name (Enter on the first Basics row), alternating "x" and Backspace: every
/// frame regenerates and the plan does not grow.
func typingLoop(_ plan: Plan, _ size: Size) -> FrameLoop {
    var loop = FrameLoop(WizardModel(plan: plan, answersPath: nil, size: size))
    _ = loop.model.update(.key(.enter))
    precondition(loop.model.isEditing, "Enter on the first Basics row should edit the service name")
    return loop
}

func wizardBenchmarks(iterations: Int) {
    let size = Size(width: 120, height: 40)
    print("s3wizard wizard benchmark, \(size.width)x\(size.height), \(iterations) frames per case after warm-up, release build")
    var sink = 0
    for (name, plan) in benchPlans {
        print(name + " (\(plan.dataAccess.roles.count) data roles)")
        // Start: the model (first regeneration) and its first buffer, no terminal.
        let start = measure(max(50, iterations / 10)) {
            var model = WizardModel(plan: plan, answersPath: nil, size: size)
            model.refresh()
            sink &+= model.view().cells.count
        }
        print("  " + start.line("start: model + first view         "))

        var typing = typingLoop(plan, size)
        report("keystroke -> frame (typing)       ", measureFrames(&typing, iterations) { [$0 % 2 == 0 ? .character("x") : .backspace] })

        // A paste: 20 characters in one batch, then 20 Backspaces: one regeneration per frame either way.
        let paste = [Key](repeating: .character("x"), count: 20), erase = [Key](repeating: .backspace, count: 20)
        report("paste 20 keys -> frame            ", measureFrames(&typing, max(50, iterations / 4)) { $0 % 2 == 0 ? paste : erase })

        // Moving between rows: no regeneration, the preview follows the focused row.
        var navigation = FrameLoop(WizardModel(plan: plan, answersPath: nil, size: size))
        _ = navigation.model.update(.key(.character("5"))) // Data access: the most rows
        report("navigation (down/up) -> frame     ", measureFrames(&navigation, iterations) { [$0 % 8 < 4 ? .down : .up] })

        // Entering the review: control reports and the access matrix are computed on that key.
        // A fresh model each time, so the review is recomputed.
        let ready = FrameLoop(WizardModel(plan: plan, answersPath: nil, size: size))
        var enterReview = ready
        report("enter review (r) -> frame         ", measureFrames(&enterReview, max(50, iterations / 10), reset: ready) { _ in [.character("r")] })

        // The access matrix tab: moving between principals.
        var matrix = FrameLoop(WizardModel(plan: plan, answersPath: nil, size: size))
        _ = matrix.model.update(.key(.character("r")))
        _ = matrix.model.update(.key(.character("m")))
        report("review matrix (down/up) -> frame  ", measureFrames(&matrix, iterations) { [$0 % 8 < 4 ? .down : .up] })
        sink &+= typing.sink &+ navigation.sink &+ enterReview.sink &+ matrix.sink
    }
    if sink == 42 { print("") }
}

if wizard {
    wizardBenchmarks(iterations: iterations)
    exit(0)
}

// `s3wizard-bench answers PLAN`: a bench plan as an answers file, for timing the real binary (hyperfine).
if let name = answersOf {
    guard let plan = benchPlans.first(where: { $0.name == name })?.plan else {
        FileHandle.standardError.write(Data("s3wizard-bench answers: unknown plan \(name)\n".utf8))
        exit(2)
    }
    print(AnswersFile.render(plan), terminator: "")
    exit(0)
}

if let (name, count) = keysRun {
    guard let plan = benchPlans.first(where: { $0.name == name })?.plan, count >= 0 else {
        FileHandle.standardError.write(Data("s3wizard-bench keys: unknown plan \(name) or count\n".utf8))
        exit(2)
    }
    var loop = typingLoop(plan, Size(width: 120, height: 40))
    var phases = [Double](repeating: 0, count: FrameLoop.Phase.allCases.count)
    var rows = 0
    // Keystroke → frame only: the crash draft is idle work (see FrameLoop).
    for i in 0..<count { rows &+= loop.frame([i % 2 == 0 ? .character("x") : .backspace], &phases, idle: false) }
    print("\(count) keys, \(rows) rows redrawn")
    exit(0)
}

print("s3wizard core benchmark, \(iterations) iterations per case, release build")
var sink = 0
for (name, plan) in Preset.all.map({ ($0.name, $0.plan) }) + [("data-lake-50x20", dataLake50x20)] {
    let artifacts = measure(iterations) { sink &+= plan.generate(proof: false).artifacts.files.count }
    let keystroke = measure(iterations) {
        // What one keystroke in the wizard costs the core: validate, then regenerate everything.
        var edited = plan
        edited.basics.environment += "x"
        let (diagnostics, artifacts) = edited.generate(proof: false)
        sink &+= diagnostics.count &+ artifacts.files.count
    }
    let policies = measure(iterations) { sink &+= plan.policies.built().bucket.statements.count }
    let bytes = plan.artifacts().files.reduce(0) { $0 + $1.contents.utf8.count }
    if breakdown {
        print("  " + measure(iterations / 4) { sink &+= plan.diagnosticsWithoutProof(policies: nil).count }.line("  field checks (no proof)"))
        print("  " + measure(iterations / 4) { sink &+= plan.policies.endpoint.statements.count }.line("  policies only          "))
        print("  " + measure(iterations / 4) { sink &+= TerraformModule(plan).files.count }.line("  terraform files        "))
        print("  " + measure(iterations / 4) { sink &+= plan.artifacts(formats: [.json]).files.count }.line("  json + readme + proof  "))
        print("  " + measure(iterations / 4) { sink &+= plan.controlReports.count }.line("  control reports        "))
        print("  " + measure(iterations / 4) { sink &+= AnswersFile.render(plan).count }.line("  answers file           "))
    }
    print("\(name) (\(plan.artifacts().files.count) files, \(bytes) bytes)")
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
