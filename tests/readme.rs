//! The README stays true: every `console` block is run on the real binary (trycmd), every file
//! an example names exists in the repository (no `../shared` paths a fresh clone lacks), and
//! the GitHub Action (`action.yml`) has the shape the README's workflow relies on.

use cydlint::rules::yaml::{self, Node};

use crate::common::root;

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// Each `console` block of README.md: `$ cydlint …` lines run from the repository root, their
/// output (standard output and error together) and exit code (`? N`) compared, `[..]` and
/// `...` standing for what varies.
#[test]
fn readme_console_examples_run() {
    let text = readme();
    assert!(
        text.matches("```console").count() >= 10,
        "the README's examples are `console` blocks (trycmd runs only those)"
    );
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case(root().join("README.md"));
}

/// The README's examples read only what a fresh clone has: no `../shared` path, and every
/// `fixtures/…` path it names exists.
#[test]
fn readme_examples_need_only_the_repository() {
    let text = readme();
    assert!(
        !text.contains("../shared/") && !text.contains("/work/"),
        "README.md names a path outside the repository"
    );
    let mut named = 0;
    for (at, _) in text.match_indices("fixtures/") {
        let path: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "/._-".contains(*c))
            .collect();
        let path = path.trim_end_matches(['.', '/']);
        assert!(
            root().join(path).exists(),
            "README.md names {path}, which is not in the repository"
        );
        named += 1;
    }
    assert!(
        named >= 10,
        "the README's examples read fixtures/ ({named})"
    );
}

fn parse(path: &str, src: &str) -> Node {
    yaml::parse(src).unwrap_or_else(|e| panic!("{path} is not YAML: {e:?}"))
}

fn str_at<'a>(node: &'a Node, key: &str) -> &'a str {
    node.get(key)
        .and_then(Node::as_str)
        .unwrap_or_else(|| panic!("no string `{key}` in {node:?}"))
}

/// action.yml: a composite action with the inputs the README documents, that caches the built
/// binary (actions/cache, keyed on the OS and cydlint's version and lock file, the build only
/// on a cache miss), runs `cydlint check` with the inputs, and uploads SARIF only when asked.
#[test]
fn action_yml_builds_once_and_runs_check() {
    let src = std::fs::read_to_string(root().join("action.yml")).expect("action.yml");
    let action = parse("action.yml", &src);
    assert!(!str_at(&action, "name").is_empty());
    assert!(!str_at(&action, "description").is_empty());
    let inputs = action.get("inputs").expect("inputs");
    for input in ["paths", "format", "args", "sarif-file", "upload-sarif"] {
        let def = inputs
            .get(input)
            .unwrap_or_else(|| panic!("no input {input}"));
        assert!(!str_at(def, "description").is_empty(), "{input}");
        assert!(def.get("default").is_some(), "{input} has a default");
    }
    assert_eq!(
        str_at(inputs.get("upload-sarif").unwrap(), "default"),
        "false"
    );
    let outputs = action.get("outputs").expect("outputs");
    assert!(outputs.get("exit-code").is_some() && outputs.get("sarif-file").is_some());

    let runs = action.get("runs").expect("runs");
    assert_eq!(str_at(runs, "using"), "composite");
    let steps = runs.get("steps").and_then(Node::as_seq).expect("steps");
    let uses = |step: &Node| {
        step.get("uses")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let run = |step: &Node| {
        step.get("run")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let cond = |step: &Node| {
        step.get("if")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_owned()
    };
    for step in steps {
        if !run(step).is_empty() {
            assert_eq!(
                str_at(step, "shell"),
                "bash",
                "composite run steps need a shell"
            );
        }
    }

    // The cache: a key of OS, architecture, version and lock file, computed in the action's
    // folder (hashFiles() sees only the caller's workspace).
    let key_step = steps
        .iter()
        .find(|s| s.get("id").and_then(Node::as_str) == Some("key"))
        .expect("a step with id `key`");
    let key = run(key_step);
    for part in [
        "RUNNER_OS",
        "RUNNER_ARCH",
        "Cargo.lock",
        "version",
        "GITHUB_OUTPUT",
    ] {
        assert!(key.contains(part), "the cache key uses {part}: {key}");
    }
    let (cache_at, cache) = steps
        .iter()
        .enumerate()
        .find(|(_, s)| uses(s).starts_with("actions/cache@"))
        .expect("an actions/cache step");
    let with = cache.get("with").expect("cache inputs");
    assert!(str_at(with, "key").contains("steps.key.outputs.key"));
    assert!(str_at(with, "path").contains("steps.key.outputs.dir"));
    let cache_id = str_at(cache, "id");

    // The build: after the cache, only on a miss, locked, from the action's own folder.
    let (build_at, build) = steps
        .iter()
        .enumerate()
        .find(|(_, s)| run(s).contains("cargo +stable build"))
        .expect("a build step");
    assert!(
        build_at > cache_at,
        "the build comes after the cache look-up"
    );
    assert_eq!(
        cond(build),
        format!("steps.{cache_id}.outputs.cache-hit != 'true'")
    );
    let build = run(build);
    assert!(build.contains("--locked") && build.contains("$GITHUB_ACTION_PATH/Cargo.toml"));
    assert!(
        steps.iter().any(|s| run(s).contains("GITHUB_PATH")),
        "the cached binary is put on PATH"
    );

    // The check: the inputs through the environment, the SARIF file always written.
    let check = steps
        .iter()
        .find(|s| run(s).contains("cydlint check"))
        .expect("a `cydlint check` step");
    let script = run(check);
    let env = check.get("env").expect("the check step's env");
    for (var, input) in [
        ("CYDLINT_PATHS", "inputs.paths"),
        ("CYDLINT_FORMAT", "inputs.format"),
        ("CYDLINT_ARGS", "inputs.args"),
        ("CYDLINT_SARIF", "inputs.sarif-file"),
    ] {
        assert!(str_at(env, var).contains(input), "{var}");
        assert!(script.contains(&format!("${var}")), "{var} used");
    }
    assert!(script.contains("--output-file \"sarif=$CYDLINT_SARIF\""));
    assert!(
        !script.contains("${{"),
        "inputs never pasted into the script"
    );

    // The upload: optional, and still done when the check failed.
    let upload = steps
        .iter()
        .find(|s| uses(s).starts_with("github/codeql-action/upload-sarif@"))
        .expect("an upload-sarif step");
    let when = cond(upload);
    assert!(when.contains("always()") && when.contains("inputs.upload-sarif == 'true'"));
}

/// The README's workflow uses this action (at this version), not a compile-from-source step.
#[test]
fn readme_workflow_uses_the_action() {
    let text = readme();
    let start = text
        .find("```yaml\n# .github/workflows/cydlint.yml")
        .expect("the README's workflow recipe");
    let body = &text[start + "```yaml\n".len()..];
    let body = &body[..body.find("```").expect("end of the workflow block")];
    let workflow = parse("the README's workflow", body);
    let permissions = workflow.get("permissions").expect("permissions");
    assert_eq!(str_at(permissions, "security-events"), "write");
    let jobs = workflow.get("jobs").and_then(Node::as_map).expect("jobs");
    let steps: Vec<&Node> = jobs
        .iter()
        .filter_map(|(_, job)| job.get("steps").and_then(Node::as_seq))
        .flatten()
        .collect();
    let ours: Vec<&Node> = steps
        .iter()
        .copied()
        .filter(|s| {
            s.get("uses")
                .and_then(Node::as_str)
                .is_some_and(|u| u.starts_with("cydlint/cydlint@") || u == "./")
        })
        .collect();
    assert_eq!(ours.len(), 1, "the workflow uses the action once");
    let used = str_at(ours[0], "uses");
    assert_eq!(
        used,
        format!("cydlint/cydlint@v{}", env!("CARGO_PKG_VERSION")),
        "the workflow names this version"
    );
    let with = ours[0].get("with").expect("the action's inputs");
    let src = std::fs::read_to_string(root().join("action.yml")).expect("action.yml");
    let inputs = parse("action.yml", &src);
    let inputs = inputs.get("inputs").expect("inputs");
    for (name, _) in with.as_map().expect("with: a mapping") {
        let name = name.as_str().unwrap();
        assert!(inputs.get(name).is_some(), "action.yml has no input {name}");
    }
    for step in steps {
        let run = step.get("run").and_then(Node::as_str).unwrap_or("");
        assert!(
            !run.contains("cargo install") && !run.contains("cargo build"),
            "the workflow compiles cydlint on every run: {run}"
        );
    }
}

/// The README's usage is complete: it names every subcommand and every option of each
/// (as clap defines them in src/cli.rs).
#[test]
fn readme_names_every_subcommand_and_option() {
    use clap::CommandFactory;
    let text = readme();
    let cli = cydlint::cli::Args::command();
    let mut options = 0;
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        assert!(
            text.contains(&format!("cydlint {name}")),
            "README.md never shows `cydlint {name}`"
        );
        for arg in sub.get_arguments() {
            if let Some(long) = arg.get_long() {
                if long == "help" {
                    continue;
                }
                assert!(
                    text.contains(&format!("--{long}")),
                    "README.md never names `cydlint {name} --{long}`"
                );
                options += 1;
            }
        }
    }
    assert!(options > 40, "only {options} options seen");
}

/// The action's own scripts, run as a runner would (bash, the GITHUB_* files, the built
/// binary on PATH): the cache key names the OS, architecture, version and lock hash, and the
/// check step writes the SARIF file (into a folder that did not exist), records the exit code
/// as an output and fails with it.
#[test]
fn action_scripts_compute_the_key_and_run_check() {
    use std::process::Command;
    let src = std::fs::read_to_string(root().join("action.yml")).expect("action.yml");
    let action = parse("action.yml", &src);
    let steps = action
        .get("runs")
        .and_then(|r| r.get("steps"))
        .and_then(Node::as_seq)
        .expect("steps");
    let script = |id: &str| {
        let step = steps
            .iter()
            .find(|s| s.get("id").and_then(Node::as_str) == Some(id))
            .unwrap_or_else(|| panic!("no step {id}"));
        str_at(step, "run").to_owned()
    };
    let dir = crate::common::tempdir("action");
    let output = dir.join("github-output");

    std::fs::write(&output, "").unwrap();
    let status = Command::new("bash")
        .args([
            "--noprofile",
            "--norc",
            "-eo",
            "pipefail",
            "-c",
            &script("key"),
        ])
        .env("GITHUB_ACTION_PATH", root())
        .env("GITHUB_OUTPUT", &output)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TOOL_CACHE", &dir)
        .status()
        .expect("bash runs");
    assert!(status.success());
    let written = std::fs::read_to_string(&output).unwrap();
    let key = written
        .lines()
        .find_map(|l| l.strip_prefix("key="))
        .expect("a key output");
    let prefix = format!("cydlint-Linux-X64-{}-", env!("CARGO_PKG_VERSION"));
    let hash = key.strip_prefix(&prefix).unwrap_or_else(|| panic!("{key}"));
    assert!(
        hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{key}"
    );
    assert!(written.contains(&format!("dir={}/cydlint/", dir.display())));

    std::fs::write(&output, "").unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_cydlint"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let sarif = dir.join("reports/cydlint.sarif");
    let run = Command::new("bash")
        .args([
            "--noprofile",
            "--norc",
            "-eo",
            "pipefail",
            "-c",
            &script("check"),
        ])
        .current_dir(root())
        .env("PATH", path)
        .env("GITHUB_OUTPUT", &output)
        .env("CYDLINT_PATHS", "fixtures/examples/incident-10k.htm")
        .env("CYDLINT_FORMAT", "concise")
        .env("CYDLINT_ARGS", "--no-config --fail-on error")
        .env("CYDLINT_SARIF", &sarif)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("fixtures/examples/incident-10k.htm:15:526: error[CYD-X-008]"),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "exit-code=1\n");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("the SARIF file")).unwrap();
    assert_eq!(report["version"], "2.1.0");
    assert_eq!(report["runs"][0]["results"][0]["ruleId"], "CYD-X-008");
    std::fs::remove_dir_all(&dir).unwrap();
}
