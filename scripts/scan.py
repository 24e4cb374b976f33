#!/usr/bin/env python3
"""Scan s3wizard output directories with python-hcl2, checkov, parliament and terraform fmt.

Usage:  .venv/bin/python scripts/scan.py [-v] OUTDIR [OUTDIR ...]

Each OUTDIR is what `s3wizard generate --out OUTDIR` writes:

    OUTDIR/terraform/*.tf, terraform.tfvars.example
    OUTDIR/policies/**/*.json   (bucket-policy.json, key-policy.json, endpoint-policy.json,
                                 roles/<name>/trust-policy.json, roles/<name>/identity-policy.json,
                                 *-statements-to-add.json: all full {Version, Statement} documents)

Per OUTDIR:
  a. every .tf (and terraform.tfvars.example) must parse with python-hcl2;
  b. checkov (terraform framework, offline) must report no failed check, no parsing
     error, and every skipped check must carry a suppression reason
     (`# checkov:skip=CKV_X:<reason>`);
  c. parliament must report no finding on any policy, except the narrowly matched,
     documented/source-verified false positives in FALSE POSITIVES below;
  d. `terraform fmt -check -diff -recursive` must be clean, if terraform is on PATH.

Prints a summary per OUTDIR and a last line `scan: N passed, M failed` (N/M count
OUTDIRs); exits 1 if any OUTDIR failed, 2 on bad usage.

Setup: scripts/ensure-venv.sh installs parliament + python-hcl2 into .venv and checkov
into .venv/checkov-env (its own venv: checkov pins bc-python-hcl2, whose `hcl2`
package collides with python-hcl2's). If this script is started with an interpreter
that lacks hcl2/parliament, it re-executes itself with .venv/bin/python.
"""

from __future__ import annotations

import argparse
import ast
import copy
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("S3WIZARD_VENV", REPO / ".venv"))

try:
    import hcl2  # python-hcl2 8.x
    import parliament
    from parliament import analyze_policy_string, enhance_finding
except ImportError:
    venv_py = VENV / "bin" / "python"
    if venv_py.exists() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(venv_py), [str(venv_py), os.path.abspath(__file__), *sys.argv[1:]])
    sys.exit(
        "scan.py: python-hcl2/parliament not importable; run scripts/ensure-venv.sh "
        f"and use {venv_py}"
    )

CHECKOV_TIMEOUT_S = 600
POLICY_KINDS = ("bucket-policy", "key-policy", "endpoint-policy", "trust-policy", "identity-policy")
NO_REASON = {"", "no comment provided"}  # checkov's placeholder for `checkov:skip=ID` w/o reason


@dataclass
class Result:
    outdir: Path
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fail(self, msg: str) -> None:
        self.failures.append(msg)

    def note(self, msg: str) -> None:
        self.notes.append(msg)


def rel(path: Path | str, base: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def indent(text: str, prefix: str = "      ") -> str:
    return "\n".join(prefix + line for line in text.rstrip("\n").splitlines())


# --------------------------------------------------------------------------- a. HCL parse


def check_hcl(res: Result, tfdir: Path) -> None:
    tf_files = sorted(p for p in tfdir.rglob("*.tf") if ".terraform" not in p.parts)
    if not tf_files:
        res.fail(f"hcl: no .tf files under {rel(tfdir, res.outdir)}/")
        return
    # terraform.tfvars.example is HCL too; users copy it to terraform.tfvars.
    extra = sorted(tfdir.rglob("*.tfvars.example")) + sorted(tfdir.rglob("*.tfvars"))
    bad = 0
    for path in tf_files + extra:
        try:
            with path.open(encoding="utf-8") as fh:
                hcl2.load(fh)
        except Exception as exc:  # lark raises several exception types
            bad += 1
            msg = str(exc).strip() or type(exc).__name__
            res.fail(f"hcl: {rel(path, res.outdir)}: parse error: {type(exc).__name__}\n"
                     + indent("\n".join(msg.splitlines()[:6])))
    if not (tfdir / "terraform.tfvars.example").is_file():
        res.fail("hcl: terraform/terraform.tfvars.example is missing")
    res.note(f"hcl: {len(tf_files) + len(extra) - bad}/{len(tf_files) + len(extra)} files parse")


# --------------------------------------------------------------------------- b. checkov


def find_checkov() -> str | None:
    for cand in (os.environ.get("S3WIZARD_CHECKOV"),
                 str(Path(sys.prefix) / "checkov-env" / "bin" / "checkov"),
                 str(VENV / "checkov-env" / "bin" / "checkov")):
        if cand and os.access(cand, os.X_OK):
            return cand
    return shutil.which("checkov")


def checkov_env(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           # Hermetic: configargparse maps CKV_* env vars onto CLI flags (CKV_SKIP_CHECK,
           # CKV_CHECK, ...); BC_*/PRISMA_* would point checkov at the Prisma platform.
           if not k.startswith(("CKV_", "BC_", "PRISMA_", "CHECKOV_"))}
    env.update({
        "HOME": home,  # checkov reads ~/.checkov.yaml; give it an empty home
        "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true",  # else it asks PyPI for a newer checkov
        "BC_SKIP_MAPPING": "TRUE",  # same effect as --skip-download (no guideline fetch)
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
    })
    return env


def check_checkov(res: Result, tfdir: Path, checkov: str | None) -> None:
    if checkov is None:
        res.fail("checkov: not installed (run scripts/ensure-venv.sh)")
        return
    for cfg in (".checkov.yaml", ".checkov.yml"):
        if (tfdir / cfg).exists():
            # checkov would silently read skip lists etc. from it.
            res.fail(f"checkov: {rel(tfdir / cfg, res.outdir)} must not exist in generated output")
    with tempfile.TemporaryDirectory(prefix="scan-checkov-") as tmp:
        cmd = [checkov, "-d", str(tfdir), "--framework", "terraform", "-o", "json",
               "--skip-download", "--download-external-modules", "false"]
        # No --quiet: it drops passed/skipped checks from the JSON, and we need the
        # skipped ones to verify their suppression reasons.
        t0 = time.monotonic()
        try:
            proc = subprocess.run(cmd, cwd=tmp, env=checkov_env(tmp), stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=CHECKOV_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            res.fail(f"checkov: timed out after {CHECKOV_TIMEOUT_S}s")
            return
        elapsed = time.monotonic() - t0
    out = proc.stdout
    start = min((i for i in (out.find("{"), out.find("[")) if i >= 0), default=0)
    try:
        data = json.loads(out[start:])  # tolerate stray log lines before the JSON
    except json.JSONDecodeError:
        res.fail(f"checkov: exit {proc.returncode}, output is not JSON\n"
                 + indent((proc.stdout[-2000:] + proc.stderr[-2000:]) or "(no output)"))
        return
    if proc.returncode not in (0, 1):  # 1 == some check failed
        res.fail(f"checkov: exit {proc.returncode}\n" + indent(proc.stderr[-2000:] or "(no stderr)"))
    reports = data if isinstance(data, list) else [data]
    passed = failed = skipped = parse_errors = 0
    failed_checks: list[dict] = []
    skipped_checks: list[dict] = []
    for rep in reports:
        # With no resources checkov prints only a bare summary dict.
        summary = rep.get("summary", rep)
        passed += int(summary.get("passed", 0))
        failed += int(summary.get("failed", 0))
        skipped += int(summary.get("skipped", 0))
        parse_errors += int(summary.get("parsing_errors", 0))
        results = rep.get("results", {})
        failed_checks += results.get("failed_checks", [])
        skipped_checks += results.get("skipped_checks", [])
        for perr in results.get("parsing_errors", []):
            res.fail(f"checkov: parsing error in {rel(perr, res.outdir)}")
    res.note(f"checkov: {passed} passed, {failed} failed, {skipped} skipped ({elapsed:.1f}s)")
    if parse_errors:
        res.fail(f"checkov: {parse_errors} parsing error(s)")
    if passed + failed + skipped == 0:
        res.fail("checkov: ran no checks (no resources found?)")
    if failed and not failed_checks:
        res.fail(f"checkov: {failed} failed check(s) (details missing from JSON)")

    def where(chk: dict) -> str:
        path = chk.get("file_abs_path") or chk.get("file_path", "?")
        lines = chk.get("file_line_range") or [0]
        return f"{rel(path, res.outdir)}:{lines[0]}"

    for chk in sorted(failed_checks, key=lambda c: (where(c), c.get("check_id", ""))):
        guide = f" ({chk['guideline']})" if chk.get("guideline") else ""
        res.fail(f"checkov: FAILED {chk.get('check_id')} {chk.get('resource')} at {where(chk)}: "
                 f"{chk.get('check_name')}{guide}")
    for chk in sorted(skipped_checks, key=lambda c: (where(c), c.get("check_id", ""))):
        reason = (chk.get("check_result") or {}).get("suppress_comment")
        if reason is None:
            reason = chk.get("suppress_comment") or ""
        reason = reason.strip()
        if reason.lower() in NO_REASON:
            res.fail(f"checkov: SKIPPED {chk.get('check_id')} {chk.get('resource')} at {where(chk)} "
                     "has no reason; write `# checkov:skip=<ID>:<why>`")
        else:
            res.note(f"checkov: skipped {chk.get('check_id')} {chk.get('resource')}: {reason}")


# --------------------------------------------------------------------------- c. parliament
#
# FALSE POSITIVES. parliament 1.6.4 lints identity policies; resource-based policies
# are "not checked correctly" (its maintainer, duo-labs/parliament#14, open). It has
# no policy-type argument: analyze_policy_string(policy_str, filepath=None,
# ignore_private_auditors=False, private_auditors_custom_path=None,
# include_community_auditors=False, config=None) -- verified in parliament/__init__.py.
# So the policy kind is taken from the file name, and each rule below matches one
# issue code + the exact detail/shape that is known to be wrong, nothing broader.
# Every other finding fails the scan.
#
# FP1 trust-no-resource: MALFORMED "Statement contains neither Resource nor NotResource"
#     on trust policies. Trust policies have no Resource element (IAM rejects one).
#     parliament/statement.py says so itself in analyze_statement() ("IAM role trust
#     policies ... don't have Resource elements, so that would break other things")
#     and duo-labs/parliament#229 (open) reports exactly this finding. Because that
#     MALFORMED stops parliament's analysis of the statement, trust policies get a
#     second pass with `"Resource": "*"` injected so actions and conditions are still
#     linted; in that pass RESOURCE_STAR on an injected statement is our own artefact
#     (FP2) and ignored.
# FP3 key-policy-resource-star: RESOURCE_STAR on a key policy statement whose Resource
#     is exactly "*". In a KMS key policy "*" means "this key" and is the only valid
#     value (AWS KMS Developer Guide, "Key policies": "In a key policy, the value of the
#     Resource element is "*", which means this KMS key"). RESOURCE_STAR is an
#     identity-policy lint (#14 above).
# FP4 numeric-decimal: MISMATCHED_TYPE "<key> requires a value of type Numeric but given
#     [...]" where every value is a plain decimal such as "1.2". parliament's
#     is_value_in_correct_format_for_type() (statement.py) checks Numeric with the
#     regex ^\d+$, i.e. integers only; IAM Numeric condition operators take decimals
#     and AWS's own TLS example is {"NumericLessThan": {"s3:TlsVersion": "1.2"}}.
#     (Related: a JSON *number* there makes parliament crash with TypeError in the same
#     function, so numbers in Condition values are stringified before analysis; IAM
#     treats condition values as strings anyway.)
# FP5 oidc-federated-principal: UNKNOWN_FEDERATION_SOURCE for a trust-policy Federated
#     principal that is an IAM OIDC provider ARN
#     (arn:aws:iam::<12 digits>:oidc-provider/<host/path>). _check_principal() in
#     statement.py only accepts saml-provider ARNs and four hard-coded web IdPs
#     (cognito, amazon, facebook, google); OIDC provider ARNs (GitHub Actions, EKS IRSA)
#     are the documented way to federate via AssumeRoleWithWebIdentity.
# FP6 oidc-claim-condition-keys: UNKNOWN_CONDITION_FOR_ACTION "<host/path>:<claim> for
#     action sts:AssumeRoleWithWebIdentity" where <host/path> is the oidc-provider of a
#     Federated principal in the same statement and <claim> is one of the IAM OIDC keys
#     (aud, sub, amr, azp, oaud, email). These keys are named after each provider, so
#     they cannot appear in parliament's static iam_definition.json.
# FP7 deny-wildcard-s3-request-keys: UNKNOWN_CONDITION_FOR_ACTION "s3:TlsVersion (or
#     another S3 request-wide key) for action s3:X" in a *Deny* statement where s3:X is
#     not written in the statement but came from parliament expanding a wildcard such as
#     "s3:*". parliament checks the key against every expanded action using its
#     iam_definition.json, which omits the key for a few actions (e.g.
#     s3:InitiateReplication, s3:PutAccessPointPublicAccessBlock). "Deny s3:* if
#     s3:TlsVersion < 1.2" is AWS's documented pattern; in a Deny an inapplicable key
#     can only make the deny not apply to that action, never grant anything.

# FP8 missing-global-condition-key: UNKNOWN_CONDITION_FOR_ACTION for a key in
#     MISSING_GLOBAL_KEYS. These are documented AWS global condition keys (IAM User Guide,
#     "AWS global condition context keys": aws:ViaAWSService) that parliament 1.6.4's
#     GLOBAL_CONDITION_KEYS table in statement.py predates; a global key applies to every
#     action, so "unknown for action" is wrong for each of them.

# FP9 deny-newer-s3-action: UNKNOWN_ACTION "Unknown action s3:X" in a *Deny* statement for an X in
#     NEWER_S3_ACTIONS. These S3 actions are listed in the Service Authorization Reference for Amazon S3
#     (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html; PutBucketAbac
#     and the S3 Metadata table updates came in 2025) but postdate parliament 1.6.4's iam_definition.json.
#     In a Deny an action parliament does not know can only deny more, never grant anything.

# FP10 deny-negated-access-point-key: UNKNOWN_CONDITION_FOR_ACTION "s3:DataAccessPointAccount (or
#     s3:DataAccessPointArn) for action s3:X" in a *Deny* statement that tests the key only with a negated
#     operator (StringNotEquals). iam_definition.json omits the key for a few actions (s3:ReplicateObject,
#     s3:GetObjectTorrent, ...). For such an action the key is absent from the request, a negated operator
#     is then true (IAM User Guide, "Condition operators"), and the deny applies: it can only deny more.
#     s3wizard's access-points mode denies object access "unless through an access point of this account"
#     this way (Amazon S3 User Guide, "Configuring IAM policies for using access points": the keys).

# FP11 access-point-resource: RESOURCE_MISMATCH "No resources match for the given action" where every
#     Resource of the statement is an S3 access point ARN: arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME
#     (ListBucket), .../object/KEY (object actions), or a wildcard of them. parliament 1.6.4 knows only the
#     bucket and object formats (arn:*:s3:::*); AWS documents access point ARNs as the resources of these
#     actions in access point policies and endpoint policies (Amazon S3 User Guide, "Configuring IAM
#     policies for using access points", "Creating access points restricted to a virtual private cloud").

ACCESS_POINT_KEYS = {"s3:dataaccesspointaccount", "s3:dataaccesspointarn"}
ACCESS_POINT_ARN = re.compile(r"^arn:aws(?:-cn|-us-gov)?:s3:[a-z0-9-]+:\d{12}:accesspoint/[a-z0-9*-]+(?:/object/\S*)?$")
NEGATED_STRING_OPERATORS = {"StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase"}
MISSING_GLOBAL_KEYS = {"aws:viaawsservice"}
NEWER_S3_ACTIONS = {"s3:putbucketabac", "s3:updatebucketmetadatainventorytableconfiguration",
                    "s3:updatebucketmetadatajournaltableconfiguration"}
OIDC_PROVIDER_ARN = re.compile(r"^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:oidc-provider/(\S+)$")
OIDC_CLAIMS = {"aud", "sub", "amr", "azp", "oaud", "email"}
S3_REQUEST_WIDE_KEYS = {"s3:tlsversion", "s3:signatureversion", "s3:authtype", "s3:signatureage",
                        "s3:x-amz-content-sha256"}
DECIMAL = re.compile(r"^\d+(\.\d+)?$")
NO_RESOURCE_DETAIL = "Statement contains neither Resource nor NotResource"


# Other documents s3wizard writes, by the kind of policy they are: the access-log bucket's
# policy is a bucket policy, the support key's policy a key policy; likewise the replication destination's.
KIND_ALIASES = {"log-bucket-policy": "bucket-policy", "support-key-policy": "key-policy",
                "replication-bucket-policy": "bucket-policy", "replication-key-policy": "key-policy"}


def policy_kind(path: Path) -> str:
    stem = path.name[:-len(".json")] if path.name.endswith(".json") else path.name
    if stem.endswith("-statements-to-add"):
        stem = stem[: -len("-statements-to-add")]
    stem = KIND_ALIASES.get(stem, stem)
    return stem if stem in POLICY_KINDS else "other"


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def stringify_condition_numbers(doc: dict) -> bool:
    """Make JSON numbers in Condition values strings (parliament crashes on them)."""
    changed = False
    for stmt in as_list(doc.get("Statement")):
        cond = stmt.get("Condition") if isinstance(stmt, dict) else None
        if not isinstance(cond, dict):
            continue
        for block in cond.values():
            if not isinstance(block, dict):
                continue
            for key, val in block.items():
                vals = as_list(val)
                if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
                    new = [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                           for v in vals]
                    block[key] = new if isinstance(val, list) else new[0]
                    changed = True
    return changed


def statement_lines(policy_text: str) -> list[int]:
    """1-based start line of each statement as parliament's parser (jsoncfg) sees it."""
    import jsoncfg
    try:
        root = jsoncfg.loads_config(policy_text)
        stmts = root["Statement"]
        if jsoncfg.node_is_array(stmts):
            return [jsoncfg.node_location(s).line for s in stmts]
        return [jsoncfg.node_location(stmts).line]
    except Exception:
        return []


def statement_for(line: int | None, starts: list[int], stmts: list) -> tuple[int | None, dict]:
    if line is None or not starts:
        return None, {}
    idx = None
    for i, start in enumerate(starts):
        if start <= line:
            idx = i
    if idx is None or idx >= len(stmts) or not isinstance(stmts[idx], dict):
        return None, {}
    return idx, stmts[idx]


def action_is_literal(action: str, stmt: dict) -> bool:
    return action.lower() in {a.lower() for a in as_list(stmt.get("Action")) if isinstance(a, str)}


def federated_oidc_hosts(stmt: dict) -> set[str]:
    principal = stmt.get("Principal")
    hosts = set()
    if isinstance(principal, dict):
        for arn in as_list(principal.get("Federated")):
            m = OIDC_PROVIDER_ARN.match(arn) if isinstance(arn, str) else None
            if m:
                hosts.add(m.group(1).lower())
    return hosts


def false_positive(f, kind: str, stmt: dict, injected: bool) -> str | None:
    """Return the FP rule name if finding f is a known false positive, else None."""
    issue, detail = f.issue, f.detail
    dstr = detail if isinstance(detail, str) else ""
    if (issue == "MALFORMED" and kind == "trust-policy" and dstr == NO_RESOURCE_DETAIL
            and stmt and "Resource" not in stmt and "NotResource" not in stmt):
        return "FP1 trust-no-resource"
    if issue == "RESOURCE_STAR" and injected:
        return "FP2 trust-injected-resource"
    if (issue == "RESOURCE_STAR" and kind == "key-policy" and stmt
            and as_list(stmt.get("Resource")) == ["*"]):
        return "FP3 key-policy-resource-star"
    if issue == "MISMATCHED_TYPE":
        m = re.fullmatch(r"Type mismatch: (\S+) requires a value of type Numeric but given (\[.*\])", dstr)
        if m:
            try:
                values = ast.literal_eval(m.group(2))
            except (ValueError, SyntaxError):
                values = None
            if values and all(isinstance(v, str) and DECIMAL.match(v) for v in values):
                return "FP4 numeric-decimal"
    if issue == "UNKNOWN_FEDERATION_SOURCE" and kind == "trust-policy" and OIDC_PROVIDER_ARN.match(dstr):
        return "FP5 oidc-federated-principal"
    if issue == "UNKNOWN_ACTION" and stmt and stmt.get("Effect") == "Deny":
        m = re.fullmatch(r"Unknown action (\S+)", dstr)
        if m and m.group(1).lower() in NEWER_S3_ACTIONS and action_is_literal(m.group(1), stmt):
            return "FP9 deny-newer-s3-action"
    if issue == "UNKNOWN_CONDITION_FOR_ACTION" and stmt:
        m = re.fullmatch(r"Unknown condition (\S+) for action (\S+)", dstr)
        if m:
            key, action = m.group(1), m.group(2)
            prefix, _, claim = key.rpartition(":")
            if (kind == "trust-policy" and action == "sts:AssumeRoleWithWebIdentity"
                    and claim in OIDC_CLAIMS and prefix.lower() in federated_oidc_hosts(stmt)):
                return "FP6 oidc-claim-condition-keys"
            if (stmt.get("Effect") == "Deny" and key.lower() in S3_REQUEST_WIDE_KEYS
                    and action.startswith("s3:") and not action_is_literal(action, stmt)):
                return "FP7 deny-wildcard-s3-request-keys"
            if key.lower() in MISSING_GLOBAL_KEYS:
                return "FP8 missing-global-condition-key"
            if (stmt.get("Effect") == "Deny" and key.lower() in ACCESS_POINT_KEYS
                    and tested_only_negated(stmt, key)):
                return "FP10 deny-negated-access-point-key"
    if (issue == "RESOURCE_MISMATCH" and stmt and as_list(stmt.get("Resource"))
            and all(isinstance(r, str) and ACCESS_POINT_ARN.match(r) for r in as_list(stmt.get("Resource")))):
        return "FP11 access-point-resource"
    return None


def tested_only_negated(stmt: dict, key: str) -> bool:
    """Whether every test of `key` in the statement's Condition uses a negated string operator."""
    ops = [op for op, block in (stmt.get("Condition") or {}).items()
           if isinstance(block, dict) and any(k.lower() == key.lower() for k in block)]
    return bool(ops) and all(op in NEGATED_STRING_OPERATORS for op in ops)


def run_parliament(text: str, filepath: str, kind: str, injected_idx: set[int],
                   label: str = "", lines_valid: bool = True,
                   ) -> tuple[list[tuple[tuple, str]], dict[str, int]]:
    """Analyze one policy text (lines_valid: text is the file's own text, so
    parliament's line numbers can be shown).

    Returns ([(dedupe key, message)] for real findings, {FP rule: count} for ignored ones).
    """
    doc = json.loads(text)
    stmts = as_list(doc.get("Statement"))
    starts = statement_lines(text)
    try:
        findings = analyze_policy_string(text, filepath).findings
    except Exception as exc:  # parliament has a few crash paths; never pass silently
        return [(("CRASH",), f"parliament crashed{label}: {type(exc).__name__}: {exc}")], {}
    real: list[tuple[tuple, str]] = []
    ignored: dict[str, int] = {}
    seen: set[tuple] = set()
    for f in findings:
        try:
            enhance_finding(f)  # adds severity/title from parliament's config.yaml
        except Exception:
            pass
        loc = f.location if isinstance(f.location, dict) else {}
        line = loc.get("line", loc.get("lineno"))
        idx, stmt = statement_for(line, starts, stmts)
        # parliament repeats a finding once per expanded action; handle each once.
        key = (f.issue, json.dumps(f.detail, sort_keys=True, default=str), idx)
        if key in seen:
            continue
        seen.add(key)
        rule = false_positive(f, kind, stmt, idx in injected_idx)
        if rule:
            ignored[rule] = ignored.get(rule, 0) + 1
            continue
        sid = stmt.get("Sid") if stmt else None
        where = (f"statement {idx}" + (f" ({sid})" if sid else "")) if idx is not None else "policy"
        where += f"{label}, line {line}" if line and lines_valid else label
        detail = f.detail if isinstance(f.detail, str) else json.dumps(f.detail, default=str)
        if len(detail) > 400:
            detail = detail[:400] + "..."
        real.append((key, f"{f.severity or '?'} {f.issue} [{where}]: {f.title or ''}: {detail}"))
    return real, ignored


def dup_keys_hook(pairs):
    keys = [k for k, _ in pairs]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    if dups:
        raise ValueError(f"duplicate JSON key(s): {', '.join(dups)}")
    return dict(pairs)


def check_policies(res: Result, poldir: Path) -> None:
    files = sorted(poldir.rglob("*.json")) if poldir.is_dir() else []
    if not files:
        res.fail(f"parliament: no policy JSON under {rel(poldir, res.outdir)}/")
        return
    clean = 0
    total_ignored: dict[str, int] = {}
    for path in files:
        name = rel(path, res.outdir)
        kind = policy_kind(path)
        text = path.read_text(encoding="utf-8")
        try:
            doc = json.loads(text, object_pairs_hook=dup_keys_hook)
        except ValueError as exc:
            res.fail(f"parliament: {name}: invalid JSON: {exc}")
            continue
        if not isinstance(doc, dict) or "Statement" not in doc:
            res.fail(f"parliament: {name}: not a policy document (no Statement)")
            continue
        stmts = as_list(doc["Statement"])
        problems: list[str] = []
        if doc.get("Version") != "2012-10-17":
            problems.append(f"Version must be \"2012-10-17\", got {doc.get('Version')!r}")
        if kind == "trust-policy":
            for i, s in enumerate(stmts):
                if isinstance(s, dict) and ("Resource" in s or "NotResource" in s):
                    problems.append(f"statement {i}: a trust policy must not have Resource/NotResource")
        elif kind in ("bucket-policy", "key-policy"):
            for i, s in enumerate(stmts):
                if isinstance(s, dict) and "Principal" not in s and "NotPrincipal" not in s:
                    problems.append(f"statement {i}: a resource-based policy statement needs a Principal")
        elif kind == "identity-policy":
            for i, s in enumerate(stmts):
                if isinstance(s, dict) and ("Principal" in s or "NotPrincipal" in s):
                    problems.append(f"statement {i}: an identity policy must not have a Principal")

        analyzed = copy.deepcopy(doc)
        lines_valid = not stringify_condition_numbers(analyzed)
        if not lines_valid:
            text = json.dumps(analyzed, indent=2)
        found, ignored = run_parliament(text, name, kind, set(), "", lines_valid)
        if kind == "trust-policy":
            # Second pass (see FP1): inject Resource "*" so actions/conditions get linted.
            injected = copy.deepcopy(analyzed)
            inj_idx = set()
            for i, s in enumerate(as_list(injected["Statement"])):
                if isinstance(s, dict) and "Resource" not in s and "NotResource" not in s:
                    s["Resource"] = "*"
                    inj_idx.add(i)
            found2, ignored2 = run_parliament(json.dumps(injected, indent=2), name, kind, inj_idx,
                                              " (pass 2, Resource \"*\" injected)", False)
            keys = {k for k, _ in found}
            found += [(k, m) for k, m in found2 if k not in keys]
            for k, v in ignored2.items():
                ignored[k] = ignored.get(k, 0) + v
        problems += [m for _, m in found]
        for k, v in ignored.items():
            total_ignored[k] = total_ignored.get(k, 0) + v
        if problems:
            res.fail(f"parliament: {name} ({kind}): {len(problems)} finding(s)\n"
                     + "\n".join(indent(p) for p in problems))
        else:
            clean += 1
    fp = ", ".join(f"{k} x{v}" for k, v in sorted(total_ignored.items()))
    res.note(f"parliament {parliament.__version__}: {clean}/{len(files)} policies clean"
             + (f"; known false positives ignored: {fp}" if fp else ""))


# --------------------------------------------------------------------------- d. terraform fmt


def tf_env() -> dict[str, str]:
    env = dict(os.environ, CHECKPOINT_DISABLE="1", TF_IN_AUTOMATION="1")
    cfg = env.get("TF_CLI_CONFIG_FILE")
    if cfg and not Path(cfg).exists():
        env.pop("TF_CLI_CONFIG_FILE")  # avoids a warning about the missing file
    return env


def check_fmt(res: Result, tfdir: Path) -> None:
    terraform = shutil.which("terraform")
    if not terraform:
        res.note("fmt: terraform not on PATH, fmt check skipped")
        return
    # cwd=OUTDIR so the diff names files terraform/x.tf rather than ../../long/path.
    proc = subprocess.run([terraform, "fmt", "-check", "-diff", "-recursive", "-no-color",
                           rel(tfdir, res.outdir)], cwd=res.outdir, env=tf_env(),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if proc.returncode != 0:
        res.fail("fmt: terraform fmt -check found unformatted files:\n"
                 + indent((proc.stdout + proc.stderr).strip() or f"(exit {proc.returncode})"))
    # fmt -recursive only looks at .tf/.tfvars; check the tfvars example through stdin.
    examples = sorted(tfdir.rglob("*.tfvars.example"))
    for ex in examples:
        original = ex.read_text(encoding="utf-8")
        p = subprocess.run([terraform, "fmt", "-no-color", "-"], input=original, env=tf_env(),
                           capture_output=True, text=True)
        if p.returncode != 0:
            res.fail(f"fmt: terraform fmt failed on {rel(ex, res.outdir)}:\n" + indent(p.stderr))
        elif p.stdout != original:
            diff = "".join(difflib.unified_diff(original.splitlines(True), p.stdout.splitlines(True),
                                                f"{rel(ex, res.outdir)}", "formatted"))
            res.fail(f"fmt: {rel(ex, res.outdir)} is not terraform-fmt formatted:\n" + indent(diff))
    if proc.returncode == 0:
        version = subprocess.run([terraform, "version"], env=tf_env(), capture_output=True, text=True)
        vline = (version.stdout.splitlines() or ["terraform"])[0]
        res.note(f"fmt: clean ({vline}, {len(examples)} tfvars example(s) checked)")


# --------------------------------------------------------------------------- main


def scan(outdir: Path, checkov: str | None) -> Result:
    res = Result(outdir)
    if not outdir.is_dir():
        res.fail("not a directory")
        return res
    tfdir, poldir = outdir / "terraform", outdir / "policies"
    if not tfdir.is_dir():
        res.fail("terraform/ missing")
    else:
        check_hcl(res, tfdir)
        check_checkov(res, tfdir, checkov)
        check_fmt(res, tfdir)
    check_policies(res, poldir)
    return res


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdirs", nargs="+", metavar="OUTDIR", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="also list checkov skips with reasons")
    args = ap.parse_args(argv)
    checkov = find_checkov()
    n_pass = n_fail = 0
    for outdir in args.outdirs:
        t0 = time.monotonic()
        res = scan(outdir, checkov)
        status = "FAIL" if res.failures else "ok"
        print(f"== {outdir}: {status} ({time.monotonic() - t0:.1f}s)")
        for n in res.notes:
            if args.verbose or not n.startswith("checkov: skipped "):
                print(f"   {n}")
        for fmsg in res.failures:
            print(f"   FAIL {fmsg}")
        if res.failures:
            n_fail += 1
        else:
            n_pass += 1
        sys.stdout.flush()
    print(f"scan: {n_pass} passed, {n_fail} failed")
    return 1 if n_fail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
