//! English inflection, so that a lexicon names a word once and matches its forms.
//!
//! A lexicon entry `engage` under `verbs:` matches engage, engages, engaged and engaging; under
//! `nouns:`, `consultant` matches consultant and consultants. Forms are *generated* from the
//! entry (regular spelling rules, and a small table of irregular verbs and nouns), not found
//! by stemming the text: a stemmer conflates words a rule must tell apart ("experience" and
//! "experienced" stem differently, "use" and "useful" the same), and a generated form is
//! something a rule author can list with `cydlint explain` and check by eye. Over-generation
//! is harmless — "auditted" is never in a filing — so where spelling depends on stress (a
//! final consonant doubled: "referred", "planned") both spellings are generated.

/// Irregular verbs: lemma, then every other form (third person, past, participles).
const IRREGULAR_VERBS: &[(&str, &[&str])] = &[
    ("be", &["is", "are", "was", "were", "been", "being", "am"]),
    ("have", &["has", "had", "having"]),
    ("do", &["does", "did", "done", "doing"]),
    ("make", &["makes", "made", "making"]),
    ("hold", &["holds", "held", "holding"]),
    ("lead", &["leads", "led", "leading"]),
    (
        "oversee",
        &["oversees", "oversaw", "overseen", "overseeing"],
    ),
    ("bring", &["brings", "brought", "bringing"]),
    ("take", &["takes", "took", "taken", "taking"]),
    (
        "undertake",
        &["undertakes", "undertook", "undertaken", "undertaking"],
    ),
    ("give", &["gives", "gave", "given", "giving"]),
    ("keep", &["keeps", "kept", "keeping"]),
    ("meet", &["meets", "met", "meeting"]),
    ("find", &["finds", "found", "finding"]),
    ("get", &["gets", "got", "gotten", "getting"]),
    ("go", &["goes", "went", "gone", "going"]),
    ("see", &["sees", "saw", "seen", "seeing"]),
    ("spend", &["spends", "spent", "spending"]),
    ("know", &["knows", "knew", "known", "knowing"]),
    ("become", &["becomes", "became", "becoming"]),
    ("begin", &["begins", "began", "begun", "beginning"]),
    ("choose", &["chooses", "chose", "chosen", "choosing"]),
    ("seek", &["seeks", "sought", "seeking"]),
    ("build", &["builds", "built", "building"]),
    ("run", &["runs", "ran", "running"]),
    ("fall", &["falls", "fell", "fallen", "falling"]),
    ("rise", &["rises", "rose", "risen", "rising"]),
    ("hit", &["hits", "hitting"]),
    ("cost", &["costs", "costing"]),
    ("set", &["sets", "setting"]),
    ("put", &["puts", "putting"]),
    ("pay", &["pays", "paid", "paying"]),
    ("lose", &["loses", "lost", "losing"]),
    ("draw", &["draws", "drew", "drawn", "drawing"]),
    ("write", &["writes", "wrote", "written", "writing"]),
    ("teach", &["teaches", "taught", "teaching"]),
    ("think", &["thinks", "thought", "thinking"]),
    ("buy", &["buys", "bought", "buying"]),
    ("tell", &["tells", "told", "telling"]),
    ("sell", &["sells", "sold", "selling"]),
    ("send", &["sends", "sent", "sending"]),
    ("lend", &["lends", "lent", "lending"]),
    ("spread", &["spreads", "spreading"]),
    ("shut", &["shuts", "shutting"]),
    ("forgo", &["forgoes", "forwent", "forgone", "forgoing"]),
    ("withhold", &["withholds", "withheld", "withholding"]),
    ("arise", &["arises", "arose", "arisen", "arising"]),
    ("stem", &["stems", "stemmed", "stemming"]),
    ("sit", &["sits", "sat", "sitting"]),
    ("come", &["comes", "came", "coming"]),
    ("feel", &["feels", "felt", "feeling"]),
    ("read", &["reads", "reading"]),
    ("grow", &["grows", "grew", "grown", "growing"]),
    ("deal", &["deals", "dealt", "dealing"]),
    (
        "understand",
        &["understands", "understood", "understanding"],
    ),
    ("win", &["wins", "won", "winning"]),
    ("earn", &["earns", "earned", "earning"]),
];

/// Irregular plurals.
const IRREGULAR_NOUNS: &[(&str, &str)] = &[
    ("person", "people"),
    ("analysis", "analyses"),
    ("criterion", "criteria"),
    ("basis", "bases"),
    ("crisis", "crises"),
    ("child", "children"),
    ("man", "men"),
    ("woman", "women"),
    ("datum", "data"),
    ("medium", "media"),
    ("index", "indices"),
    ("matrix", "matrices"),
    ("thesis", "theses"),
    ("diagnosis", "diagnoses"),
    ("staff", "staff"),
    ("personnel", "personnel"),
    ("information", "information"),
    ("software", "software"),
    ("equipment", "equipment"),
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Ends consonant–vowel–consonant (not w, x, y): "plan", "refer", "commit" — a spelling that
/// may double its final consonant before -ed / -ing.
fn cvc(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

/// `parts` joined (what `format!` would write, without its formatting machinery: the built-in
/// lexicon's 3,500 entries are inflected on a run's first analysis).
fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The third person singular ("engages", "relies", "brushes").
fn third_person(w: &str) -> String {
    let b = w.as_bytes();
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || w.ends_with('o')
    {
        cat(&[w, "es"])
    } else if w.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        cat(&[&w[..w.len() - 1], "ies"])
    } else {
        cat(&[w, "s"])
    }
}

/// Every form of a one-word verb, the lemma first.
pub fn verb_forms(w: &str) -> Vec<String> {
    let w = w.to_lowercase();
    if let Some((_, forms)) = IRREGULAR_VERBS.iter().find(|(l, _)| *l == w) {
        let mut out = vec![w.clone()];
        out.extend(forms.iter().map(|s| s.to_string()));
        return out;
    }
    let b = w.as_bytes();
    let mut out = vec![w.clone(), third_person(&w)];
    if w.ends_with("ie") {
        out.push(cat(&[&w, "d"]));
        out.push(cat(&[&w[..w.len() - 2], "ying"]));
    } else if w.ends_with("ee") {
        out.push(cat(&[&w, "d"]));
        out.push(cat(&[&w, "ing"]));
    } else if w.ends_with('e') {
        out.push(cat(&[&w, "d"]));
        out.push(cat(&[&w[..w.len() - 1], "ing"]));
    } else if w.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        out.push(cat(&[&w[..w.len() - 1], "ied"]));
        out.push(cat(&[&w, "ing"]));
    } else {
        out.push(cat(&[&w, "ed"]));
        out.push(cat(&[&w, "ing"]));
        if cvc(&w) {
            let last = &w[w.len() - 1..];
            out.push(cat(&[&w, last, "ed"]));
            out.push(cat(&[&w, last, "ing"]));
        }
        if w.ends_with('c') {
            out.push(cat(&[&w, "ked"]));
            out.push(cat(&[&w, "king"]));
        }
    }
    out.dedup();
    out
}

/// Every form of a one-word noun: singular and plural.
pub fn noun_forms(w: &str) -> Vec<String> {
    let w = w.to_lowercase();
    if let Some((_, pl)) = IRREGULAR_NOUNS.iter().find(|(s, _)| *s == w) {
        let mut out = vec![w.clone()];
        if *pl != w {
            out.push(pl.to_string());
        }
        return out;
    }
    let b = w.as_bytes();
    let plural = if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
    {
        cat(&[&w, "es"])
    } else if w.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        cat(&[&w[..w.len() - 1], "ies"])
    } else {
        cat(&[&w, "s"])
    };
    vec![w, plural]
}

/// How an entry's words vary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Inflect {
    /// As written (case-folded).
    Exact,
    /// A verb phrase: its first word takes every verb form ("work with" → "worked with").
    Verb,
    /// A noun phrase: its last word takes the plural ("service provider" → "service providers").
    Noun,
}

/// The most entries one entry with alternatives may stand for.
pub const MAX_ALTERNATIVES: usize = 512;

/// The entries an entry with alternatives stands for, in order: `(enterprise|group-wide) risk
/// (framework|process)` is `enterprise risk framework`, `enterprise risk process`,
/// `group-wide risk framework`, `group-wide risk process` — the ways drafters combine words,
/// written once. An entry without parentheses is itself. `None` when a parenthesis is
/// unbalanced or nested, an alternative is empty, or there would be more than
/// [`MAX_ALTERNATIVES`].
pub fn alternatives(entry: &str) -> Option<Vec<String>> {
    // The entry as parts, each a list of choices (a literal part has one), then every
    // combination in order, the last part varying fastest: one allocation a combination (a
    // user pack's alternatives are expanded at every start; the built-in ones at build time).
    let mut parts: Vec<Vec<&str>> = Vec::new();
    let mut count = 1usize;
    let mut rest = entry;
    while let Some(open) = rest.find('(') {
        let (before, after) = rest.split_at(open);
        if before.contains(')') {
            return None;
        }
        let close = after.find(')')?;
        let inner = &after[1..close];
        if inner.contains('(') {
            return None;
        }
        let options: Vec<&str> = inner.split('|').map(str::trim).collect();
        if options.iter().any(|o| o.is_empty()) {
            return None;
        }
        count = count.saturating_mul(options.len());
        if count > MAX_ALTERNATIVES {
            return None;
        }
        parts.push(vec![before]);
        parts.push(options);
        rest = &after[close + 1..];
    }
    if rest.contains(')') {
        return None;
    }
    parts.push(vec![rest]);
    let mut out = Vec::with_capacity(count);
    let mut at = vec![0usize; parts.len()];
    loop {
        let len = parts.iter().zip(&at).map(|(p, &i)| p[i].len()).sum();
        let mut s = String::with_capacity(len);
        for (p, &i) in parts.iter().zip(&at) {
            s.push_str(p[i]);
        }
        out.push(s);
        // The next combination: the last part that has a next choice moves on, the ones after
        // it start again.
        let mut k = parts.len();
        loop {
            if k == 0 {
                return Some(out);
            }
            k -= 1;
            at[k] += 1;
            if at[k] < parts[k].len() {
                break;
            }
            at[k] = 0;
        }
    }
}

/// The word sequences an entry matches: the entry split into words, with the inflected word
/// varied. A word ending in `*` stays a prefix pattern.
pub fn entry_forms(entry: &str, how: Inflect) -> Vec<Vec<String>> {
    let words: Vec<String> = super::token::words_of(entry);
    if words.is_empty() {
        return Vec::new();
    }
    let Some((at, forms)) = inflected(&words, how) else {
        return vec![words];
    };
    forms
        .into_iter()
        .map(|f| {
            let mut w: Vec<String> = Vec::with_capacity(words.len());
            w.extend(words[..at].iter().cloned());
            w.push(f);
            w.extend(words[at + 1..].iter().cloned());
            w
        })
        .collect()
}

/// Which word of an entry's `words` (not empty) varies, and its forms: what
/// [`entry_forms`] puts in its place, one sequence per form; `None` when the entry has one
/// form, its words as written.
pub fn inflected(words: &[String], how: Inflect) -> Option<(usize, Vec<String>)> {
    let at = match how {
        Inflect::Exact => return None,
        Inflect::Verb => 0,
        Inflect::Noun => words.len().checked_sub(1)?,
    };
    let w = words.get(at)?;
    if w.ends_with('*') || !w.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let forms = match how {
        Inflect::Verb => verb_forms(w),
        _ => noun_forms(w),
    };
    Some((at, forms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_with_alternatives_stands_for_each_combination_in_order() {
        let a = |e: &str| alternatives(e);
        assert_eq!(a("risk register"), Some(vec!["risk register".to_owned()]));
        assert_eq!(
            a("(enterprise|group-wide) risk (framework|process)"),
            Some(vec![
                "enterprise risk framework".to_owned(),
                "enterprise risk process".to_owned(),
                "group-wide risk framework".to_owned(),
                "group-wide risk process".to_owned(),
            ])
        );
        assert_eq!(
            a("the ( board | committee )"),
            Some(vec!["the board".to_owned(), "the committee".to_owned()])
        );
        for bad in ["(a|b", "a|b)", "((a|b)|c)", "(a||b)", "()", "x) (y"] {
            assert_eq!(a(bad), None, "{bad}");
        }
        let many = "(a|b|c|d|e|f|g|h) (a|b|c|d|e|f|g|h) (a|b|c|d|e|f|g|h) (a|b)";
        assert_eq!(a(many), None, "more than {MAX_ALTERNATIVES} entries");
    }

    #[test]
    fn regular_verbs_take_their_spelling_rules() {
        for (lemma, forms) in [
            ("engage", &["engage", "engages", "engaged", "engaging"][..]),
            ("rely", &["rely", "relies", "relied", "relying"]),
            (
                "consult",
                &["consult", "consults", "consulted", "consulting"],
            ),
            ("refer", &["refers", "referred", "referring"]),
            (
                "oversee",
                &["oversees", "oversaw", "overseen", "overseeing"],
            ),
            ("integrate", &["integrates", "integrated", "integrating"]),
            ("brief", &["briefs", "briefed", "briefing"]),
            ("assess", &["assesses", "assessed", "assessing"]),
            ("employ", &["employs", "employed", "employing"]),
            ("notify", &["notifies", "notified", "notifying"]),
            ("lead", &["leads", "led", "leading"]),
        ] {
            let got = verb_forms(lemma);
            for f in forms {
                assert!(got.iter().any(|g| g == f), "{lemma}: {f} not in {got:?}");
            }
        }
    }

    #[test]
    fn nouns_take_their_plural() {
        assert_eq!(noun_forms("consultant"), ["consultant", "consultants"]);
        assert_eq!(noun_forms("party"), ["party", "parties"]);
        assert_eq!(noun_forms("breach"), ["breach", "breaches"]);
        assert_eq!(noun_forms("person"), ["person", "people"]);
        assert_eq!(noun_forms("personnel"), ["personnel"]);
    }

    #[test]
    fn phrases_inflect_their_head() {
        let v = entry_forms("work with", Inflect::Verb);
        assert!(v.contains(&vec!["worked".to_string(), "with".to_string()]));
        let n = entry_forms("service provider", Inflect::Noun);
        assert!(n.contains(&vec!["service".to_string(), "providers".to_string()]));
        assert_eq!(entry_forms("certif*", Inflect::Noun), [["certif*"]]);
    }
}
