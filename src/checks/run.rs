//! What a check sees of a run ([`RunCx`]): the filing, the form, items and period end as
//! decided for it, the lexicon and the claims analysed once per filing. Its own file, below
//! the check kinds and the engine that builds it, so that the kinds need not import the
//! engine that runs them.

use crate::filing::Filing;
use crate::source::Span;

use super::claimed;

/// What a check sees.
pub struct RunCx<'a> {
    /// The filing.
    pub filing: &'a Filing,
    /// The form (document type), from `--form` or the filing.
    pub form: Option<String>,
    /// 8-K items, from `--items` or the document's item headings.
    pub items: Vec<String>,
    /// Period end, from `--period-end` or the filing.
    pub period_end: Option<String>,
    /// The claim layer's lexicon.
    pub lexicon: std::sync::Arc<crate::claims::Lexicon>,
    /// What each line of text claims, analysed once per filing whichever rules ask
    /// ([`claimed`]).
    pub said: claimed::Said,
}

impl<'a> RunCx<'a> {
    /// The context of a run over `filing`.
    pub fn new(
        filing: &'a Filing,
        form: Option<String>,
        items: Vec<String>,
        period_end: Option<String>,
        lexicon: std::sync::Arc<crate::claims::Lexicon>,
    ) -> RunCx<'a> {
        RunCx {
            filing,
            form,
            items,
            period_end,
            lexicon,
            said: claimed::Said::default(),
        }
    }
}

impl RunCx<'_> {
    /// Where a finding about the whole filing points: the Item 1C/16K/1.05 heading, else the
    /// document type fact, else the start of the first file.
    pub fn anchor(&self) -> Span {
        let f = self.filing;
        if let Some(s) = f.text.sections.first()
            && let Some(sp) = f.text.span(s.heading_range.clone())
        {
            return sp;
        }
        if let Some(d) = f.fact("dei", "DocumentType") {
            return d.span;
        }
        Span::new(0, 0, 0)
    }
}
