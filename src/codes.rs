//! The finding codes that are not rules: `read:*` (problems met while reading a filing) and
//! `config:*` (problems of the configuration). Each has a documentation page, generated from
//! this table like the rules' pages (`docs/rules/read-CODE.md`, `docs/rules/config-CODE.md`,
//! see [`crate::rules::docs_url`]), linked from every output format and shown by
//! `cydlint explain read:CODE`.

use std::fmt::Write;

/// One code.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    /// The code, with its family: `read:binary`.
    pub id: &'static str,
    /// Its level: `error`, `warning` or `info` (configuration errors stop the run: `error`).
    pub level: &'static str,
    /// One line.
    pub title: &'static str,
    /// What it means.
    pub what: &'static str,
    /// What to do.
    pub fix: &'static str,
}

macro_rules! code {
    ($id:literal, $level:literal, $title:literal, $what:literal, $fix:literal) => {
        Code {
            id: $id,
            level: $level,
            title: $title,
            what: $what,
            fix: $fix,
        }
    };
}

/// Problems met while reading a filing (`filing::ReadIssue` codes), reported as findings.
pub const READ: &[Code] = &[
    code!(
        "read:bad-context",
        "error",
        "a context is malformed or a fact names a context that is not there",
        "An `xbrli:context` lacks its entity or period, has a period that is not a date, or a fact's `contextRef` names no context of the document set. The fact's period and dimensions are unknown.",
        "Fix the context in `ix:resources` (entity, period with valid dates) or the fact's `contextRef`."
    ),
    code!(
        "read:binary",
        "error",
        "the file is not a text document",
        "The file starts like a PDF or an image, or has a NUL byte in its first 8 KiB (and no UTF-16 byte-order mark): it is some binary file, not a document cydlint reads. It was not read, and this is the only thing said of it (no encoding warning follows).",
        "Name the filing's HTML, XBRL or Word document instead, or leave the file out of the paths given to cydlint."
    ),
    code!(
        "read:company-schema",
        "error",
        "the company schema the filing names cannot be read",
        "The `.xsd` a document names in its `schemaRef` (found beside it, or in the same `.zip` or submission `.txt`) is not well-formed XML, is not an XML Schema (its root is not `xsd:schema`), or ends before its root element closes (a truncated download). EDGAR rejects such a schema; cydlint cannot read its imports, so the rules that need them (CYD-NS-004) are skipped, and say so.",
        "Fix the schema at the reported place, or download the submission again."
    ),
    code!(
        "read:continuation-cycle",
        "error",
        "a chain of ix:continuation elements loops",
        "Following `continuedAt` from a fact comes back to a continuation already in its chain. The fact's text is cut where the loop begins.",
        "Give the last continuation of the chain no `continuedAt`, so that the chain ends."
    ),
    code!(
        "read:continuation-in-hidden",
        "error",
        "an ix:continuation is inside ix:hidden",
        "Inline XBRL does not allow continuations in `ix:hidden`: their text is not displayed, so it cannot continue a displayed fact.",
        "Move the continuation into the displayed body of the document."
    ),
    code!(
        "read:continuation-missing",
        "error",
        "a continuedAt names no ix:continuation",
        "A fact or continuation says `continuedAt=\"ID\"`, but no `ix:continuation` of the document set has that id (or the id belongs to another kind of element). The fact's text stops where the chain breaks.",
        "Add the continuation, correct the id, or name every file of the document set together."
    ),
    code!(
        "read:continuation-reused",
        "error",
        "an ix:continuation continues more than one fact",
        "Two facts (or continuations) name the same continuation in `continuedAt`; a continuation belongs to one chain.",
        "Give each chain its own continuation elements."
    ),
    code!(
        "read:continuation-unreferenced",
        "warning",
        "an ix:continuation continues nothing",
        "No fact or continuation names this continuation in `continuedAt`: its text belongs to no fact.",
        "Point the preceding part of the text block at it with `continuedAt`, or remove the element."
    ),
    code!(
        "read:continuation-without-id",
        "error",
        "an ix:continuation has no id",
        "Every `ix:continuation` needs an `id` so that a `continuedAt` can name it; this one cannot be part of any chain.",
        "Give the continuation an id and point its chain at it."
    ),
    code!(
        "read:doctype",
        "info",
        "the document has a DOCTYPE declaration",
        "Inline XBRL documents filed with the SEC are XHTML without a DOCTYPE; EDGAR rejects some declarations. cydlint ignores it and reads on.",
        "Remove the DOCTYPE declaration."
    ),
    code!(
        "read:docx",
        "error",
        "the Word document cannot be read",
        "The `.docx` file is not a valid zip, lacks `word/document.xml`, or its XML is malformed.",
        "Open and save the document in Word again, or export the draft as HTML or text."
    ),
    code!(
        "read:duplicate-id",
        "error",
        "an id is used by more than one ix:continuation",
        "Continuation ids must be unique in a document set; a `continuedAt` naming this id is ambiguous.",
        "Give each continuation its own id."
    ),
    code!(
        "read:encoding",
        "warning",
        "the file is not valid UTF-8",
        "The bytes are neither UTF-8 nor UTF-16 with a byte-order mark; cydlint read them as Windows-1252. Spans still point at the original bytes.",
        "Save the file as UTF-8 (EDGAR requires ASCII or UTF-8 for Inline XBRL)."
    ),
    code!(
        "read:fact-without-name",
        "error",
        "an Inline XBRL fact has no name",
        "An `ix:nonNumeric` or `ix:nonFraction` element has no `name` attribute, so it is no fact of any concept.",
        "Add the concept's QName as `name`."
    ),
    code!(
        "read:file-too-large",
        "error",
        "the file is larger than --max-file-size",
        "cydlint does not read files larger than `--max-file-size` bytes (1 GiB by default; at most 4 GiB − 1), to bound its memory.",
        "Raise `--max-file-size` if the file is a genuine filing."
    ),
    code!(
        "read:hidden-fact-not-found",
        "error",
        "a -sec-ix-hidden style names no hidden fact",
        "A displayed element's style says `-sec-ix-hidden: ID`, but no fact in `ix:hidden` has that id.",
        "Correct the id, or add the hidden fact."
    ),
    code!(
        "read:io",
        "error",
        "the file cannot be read",
        "The operating system refused to read the file (permissions, a broken link, a device error).",
        "Check that the file exists and is readable."
    ),
    code!(
        "read:mixed-set",
        "warning",
        "a document set mixes kinds of input",
        "Files named together form one document set, but these are of different kinds (for example an Inline XBRL document and an untagged draft); they were read as one filing anyway.",
        "Check each kind on its own, or use `--separate`."
    ),
    code!(
        "read:no-disclosure",
        "warning",
        "no filing and no cybersecurity disclosure was found in the file",
        "The document set holds no cyd fact, no Item 1C / 16K / 1.05 section and no word about cybersecurity (\"cyber\", \"information security\", or what an incident described without them is called: unauthorized access, activity or party, ransomware, malware, data breach, security incident, threat actor): it is empty, truncated, a README or a document of another kind. Without this warning such a file would pass a CI gate as \"0 findings\". A filing that states its form is named by it (\"no cybersecurity disclosure found in this 8-K\"); an amendment (a form ending in /A), which need not repeat the item, is told at info.",
        "Check that the path names the filing (its Inline XBRL or HTML document, its XBRL instance) or the draft of its cybersecurity disclosure, and that the file is complete."
    ),
    code!(
        "read:nesting-too-deep",
        "error",
        "elements are nested deeper than --max-depth",
        "Beyond `--max-depth` levels (4096 by default) the markup is read as plain text, so facts nested deeper are not seen.",
        "Flatten the markup, or raise `--max-depth`."
    ),
    code!(
        "read:read-stopped",
        "error",
        "reading stopped at malformed markup",
        "After a syntax error the reader could not find its way back into the markup, so the rest of the file was not read.",
        "Fix the syntax error reported just before this finding (`read:xml-syntax`)."
    ),
    code!(
        "read:rendered-missing-value",
        "error",
        "a row of the rendered report has no value",
        "In the SEC viewer's rendered report, a labelled row is followed by no value row.",
        "Copy the whole rendered report, or check the filing itself."
    ),
    code!(
        "read:taxonomy-file",
        "warning",
        "the file is an XBRL schema or linkbase, not a document cydlint checks",
        "The file's root element is an XML Schema `schema` or an XBRL `linkbase` (or its extension is `.xsd`): it is part of a submission's taxonomy (the company schema, its calculation, label or presentation links). cydlint checks the Inline XBRL document or the instance that refers to it; a folder walk leaves such files out without a word.",
        "Name the filing's Inline XBRL document or XBRL instance instead."
    ),
    code!(
        "read:transform-invalid",
        "error",
        "a fact's displayed text is not valid input for its transform",
        "The `format` transform (for example `ixt:date-monthname-day-year-en` or `ixt:fixed-true`) cannot turn the displayed text into a value, so the fact has none.",
        "Correct the displayed text or the `format`."
    ),
    code!(
        "read:unclosed-element",
        "error",
        "an element is never closed",
        "The file ends with elements still open: it may be truncated.",
        "Check that the whole file was saved or downloaded, and close the elements."
    ),
    code!(
        "read:undeclared-prefix",
        "error",
        "a prefix is not declared",
        "An element, fact name or `format` uses a namespace prefix with no `xmlns:` declaration in scope, so its namespace is unknown.",
        "Declare the prefix on the root element."
    ),
    code!(
        "read:unknown-label",
        "warning",
        "a row of the rendered report names no cyd element",
        "A `[Text Block]` or `[Flag]` row of the SEC viewer's rendered report has a label cydlint does not know as a `cyd` element.",
        "Check the row's label; if it is a new element, the taxonomy table may need updating."
    ),
    code!(
        "read:unknown-transform",
        "info",
        "a transform is not implemented by cydlint",
        "The fact's `format` is a transform cydlint does not implement; the displayed text is used as its value.",
        "Nothing, if the displayed text is the value; otherwise report the transform to cydlint."
    ),
    code!(
        "read:unsupported-transform-registry",
        "error",
        "a transform is from a registry EDGAR does not accept",
        "The `format`'s prefix names a transformation registry other than those EDGAR accepts (ixt 2020-02-12, ixt-sec).",
        "Use the transform of an accepted registry."
    ),
    code!(
        "read:xml-attribute",
        "warning",
        "an attribute is malformed",
        "An attribute has no value, no closing quote or a duplicate name; the element is read without it.",
        "Quote the attribute's value, and give each attribute once."
    ),
    code!(
        "read:xml-syntax",
        "error",
        "the markup is malformed",
        "The file is not well-formed XML (Inline XBRL documents and XBRL instances must be); the reader recovers where it safely can.",
        "Fix the syntax at the reported place (a validator such as `xmllint --noout` shows it too)."
    ),
];

/// Problems of the configuration: findings (`suppression-without-reason`), reported lines
/// (`unused-suppression`) and errors that stop the run (`invalid`).
pub const CONFIG: &[Code] = &[
    code!(
        "config:invalid",
        "error",
        "the configuration file is invalid",
        "`.cydlint.yaml` (or the file given to `--config`) cannot be read, is not valid YAML, or has an unknown key or a bad value. cydlint checks nothing and exits with code 2; every error is listed with its place in the file.",
        "Correct the file at the reported place (docs/configuration.md describes every key), or run with `--no-config`."
    ),
    code!(
        "config:suppression-without-reason",
        "warning",
        "an inline suppression gives no reason",
        "A draft's `<!-- cydlint-disable RULE -->` comment has no reason after a colon; a suppression without a reason suppresses nothing.",
        "Write the reason after a colon: `<!-- cydlint-disable RULE: why -->`."
    ),
    code!(
        "config:unused-suppression",
        "info",
        "a suppression matched no finding",
        "A suppression in the configuration file, or an inline one in a draft, suppressed nothing in this run: the finding it was written for is gone, or it names the wrong rule, file or concept.",
        "Remove the suppression, or correct what it names."
    ),
];

/// Every code, read codes first.
pub fn all() -> impl Iterator<Item = &'static Code> {
    READ.iter().chain(CONFIG)
}

/// The code `id` (case-insensitive).
pub fn find(id: &str) -> Option<&'static Code> {
    all().find(|c| c.id.eq_ignore_ascii_case(id))
}

/// The documentation page's file name for a code: `read-binary` for `read:binary`.
pub fn page_name(id: &str) -> String {
    id.replace(':', "-")
}

/// The Markdown page of a code.
pub fn page(c: &Code) -> String {
    let mut s = String::new();
    let family = if c.id.starts_with("read:") {
        "a problem met while reading the filing, reported as a finding (docs/reading.md)"
    } else {
        "a problem of the configuration (docs/configuration.md)"
    };
    let _ = writeln!(s, "# {} — {}\n", c.id, c.title);
    let _ = writeln!(s, "level **{}** · {family}\n", c.level);
    let _ = writeln!(s, "## What it means\n\n{}\n", c.what);
    let _ = writeln!(s, "## How to fix\n\n{}", c.fix);
    let _ = writeln!(
        s,
        "\nSelect or ignore it like a rule: `--ignore {}`, or `--ignore {}` for the family.",
        c.id,
        c.id.split(':').next().unwrap_or_default()
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code a reader can emit is in the table: the literals after `code:` and the
    /// first argument of `issue(` in the readers' sources.
    #[test]
    fn every_read_code_is_documented() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/read");
        let mut found = Vec::new();
        let re = regex::Regex::new(r#"(?:code:\s*|self\.issue\(\s*)"([a-z0-9-]+)""#).unwrap();
        // Every file under src/read, those of a reader's own folder (read/ixbrl/) too.
        for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap_or_default();
            found.extend(re.captures_iter(&text).map(|c| c[1].to_string()));
        }
        assert!(found.len() > 20, "{found:?}");
        for code in found {
            assert!(
                find(&format!("read:{code}")).is_some(),
                "read:{code} has no entry in codes::READ"
            );
        }
        let mut ids: Vec<&str> = all().map(|c| c.id).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "a code is listed twice");
    }
}
