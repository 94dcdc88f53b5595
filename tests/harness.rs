//! The tests themselves: a test that needs the shared corpus cannot pass without it.

use crate::common::{SKIP_SHARED, locate_shared};

/// The shared folder is found through `CYDLINT_SHARED`; missing, it is an error naming the
/// path, unless the skip variable is exactly `1`.
#[test]
fn a_missing_corpus_is_an_error_unless_skipping_is_asked_for() {
    let nowhere = std::env::temp_dir().join("cydlint-no-such-shared-folder");
    let err = locate_shared(Some(nowhere.clone().into()), None).unwrap_err();
    assert!(
        err.contains(&nowhere.join("corpus").display().to_string()) && err.contains(SKIP_SHARED),
        "{err}"
    );
    assert!(locate_shared(Some(nowhere.clone().into()), Some("0".into())).is_err());
    assert_eq!(
        locate_shared(Some(nowhere.into()), Some("1".into())),
        Ok(None)
    );
    // A folder with a corpus is found, whatever the skip variable says.
    let here = crate::common::tempdir("fake-shared");
    std::fs::create_dir_all(here.join("corpus")).unwrap();
    assert_eq!(
        locate_shared(Some(here.clone().into()), Some("1".into())),
        Ok(Some(here.clone()))
    );
    std::fs::remove_dir_all(&here).unwrap();
}

/// The reproduction: with `CYDLINT_SHARED` pointing nowhere, a corpus test run by the real
/// harness fails, saying what is missing; with `CYDLINT_SKIP_SHARED=1` it passes and the skip
/// shows in the harness's output, not captured away.
#[test]
fn corpus_tests_fail_without_the_corpus_and_skip_visibly_when_asked() {
    let exe = std::env::current_exe().unwrap();
    let test = "reports::sarif_is_valid_and_has_what_code_scanning_needs";
    let run = |skip: Option<&str>| {
        let mut c = std::process::Command::new(&exe);
        c.args([test, "--exact", "--test-threads=1"])
            .env("CYDLINT_SHARED", "/nonexistent/cydlint-shared")
            .env_remove(SKIP_SHARED);
        if let Some(v) = skip {
            c.env(SKIP_SHARED, v);
        }
        let o = c.output().unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr),
        )
    };
    let (ok, out) = run(None);
    assert!(!ok, "a corpus test passed without the corpus:\n{out}");
    assert!(
        out.contains("1 failed") && out.contains("/nonexistent/cydlint-shared/corpus"),
        "{out}"
    );
    let (ok, out) = run(Some("1"));
    assert!(ok, "{out}");
    assert!(
        out.contains("1 passed")
            && out.contains(&format!("SKIPPED ({SKIP_SHARED}=1"))
            && out.contains(test),
        "the skip is not visible:\n{out}"
    );
}
