//! The requirements a disclosure answers — Item 106 / 16K (annual reports) and Item 1.05
//! (8-K) — as data: each one's key, paragraph, the `cyd` elements and claim topics that answer
//! it, and the words that answer it in text. Plain data on the ground floor, so that the rule
//! language (which checks the row keys a rule names) and the scorecard (which arranges
//! findings by them) both build on it without one importing the other.

/// One requirement.
pub struct Requirement {
    /// Stable key.
    pub key: &'static str,
    /// The paragraph, for a 10-K (Item 106) or 8-K (Item 1.05).
    pub paragraph: &'static str,
    /// The paragraph for a 20-F (Item 16K), when it differs.
    pub paragraph_20f: &'static str,
    /// What it asks.
    pub title: &'static str,
    /// The cyd elements that answer it (local names).
    pub concepts: &'static [&'static str],
    /// Words that answer it in the text (used where no claim topic does: the 8-K rows on the
    /// nature, scope and timing of an incident).
    pub text: &'static str,
    /// The claim-layer topic whose affirmed or negated claim answers it in the text.
    pub topics: &'static [&'static str],
}

/// The rows whose text pattern answers them too when no claim does: a board that keeps the
/// oversight itself answers "which committee, if any" (Item 106(c)(1)) with "the full board".
pub const TEXT_ALSO_ANSWERS: &[&str] = &["committee"];

/// The words that say the full board oversees cybersecurity risk itself: the committee row's
/// answer when no committee is named, and CYD-DRAFT-003's exemption (a test keeps the two
/// alike).
pub const FULL_BOARD: &str = r"(?i)full board|entire board|board(?: of directors)?,? as a whole|board(?: of directors)?,? itself|board(?: of directors)?,? (?:\w+ ){0,5}directly|directly by the board|no (?:board )?committee|without (?:a |any )?(?:board )?committee";

/// The words that answer the nature of an incident (Item 1.05(a)); CYD-DRAFT-018 asks a draft
/// 8-K for the same (a test keeps the two alike).
pub const NATURE_WORDS: &str = r"(?i)\b(?:unauthori[sz]ed|ransomware|attack|intrusion|detected)\b";

/// The words that answer the scope of an incident: what was affected (CYD-DRAFT-019).
pub const SCOPE_WORDS: &str = r"(?i)\b(?:systems?|servers?|networks?|affected|data|records|files|accounts|applications|operations|customers|information|compromised|accessed|copied|exfiltrated|encrypted)\b";

/// The words that answer the timing of an incident: a date (CYD-DRAFT-020).
pub const TIMING_WORDS: &str = r"(?i)\b(?:(?:on|since|between) (?:\w+ )?\d{1,2},? \d{4}|(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.? (?:\d{1,2}(?:st|nd|rd|th)?,? )?\d{4}|\d{1,2}(?:st|nd|rd|th)? (?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?,? \d{4}|(?:on|since|between|as of|beginning|starting|from) (?:or about )?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.? \d{1,2}(?:st|nd|rd|th)?|(?:first|second|third|fourth|last|final) (?:week|month|quarter|half) of (?:(?:fiscal|calendar|the) )?(?:year )?\d{4}|(?:early|mid|late)[- ]?\d{4}|\d{1,2}/\d{1,2}/\d{2,4})\b";

/// The annual-report requirements (Item 106 / 16K).
pub const ANNUAL: &[Requirement] = &[
    Requirement {
        key: "processes",
        paragraph: "106(b)(1)",
        paragraph_20f: "16K(b)(1)",
        title: "Processes for assessing, identifying and managing material risks",
        concepts: &[
            "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
        ],
        text: r"(?i)\b(?:process(?:es)?|program|framework)\b",
        topics: &["processes"],
    },
    Requirement {
        key: "integration",
        paragraph: "106(b)(1)(i)",
        paragraph_20f: "16K(b)(1)(i)",
        title: "Integrated into overall risk management",
        concepts: &[
            "CybersecurityRiskManagementProcessesIntegratedFlag",
            "CybersecurityRiskManagementProcessesIntegratedTextBlock",
        ],
        text: r"(?i)\b(?:integrat\w*|enterprise risk management|ERM)\b",
        topics: &["integration"],
    },
    Requirement {
        key: "third-parties",
        paragraph: "106(b)(1)(ii)",
        paragraph_20f: "16K(b)(1)(ii)",
        title: "Assessors, consultants, auditors or other third parties engaged",
        concepts: &["CybersecurityRiskManagementThirdPartyEngagedFlag"],
        text: r"(?i)\b(?:engag\w*|retain\w*|use|uses|utiliz\w*|work with|partner with|rely (?:in part )?on)\b[^.]{0,60}\b(?:third[- ]part(?:y|ies)|consultants?|assessors?|auditors?|experts?|firms?|advisors?)\b|\b(?:third[- ]party|external|independent|outside)\s+(?:\w+\s+){0,2}(?:consultants?|assessors?|auditors?|experts?|firms?|advisors?|assessments?|audits?)\b",
        topics: &["third-party-engaged"],
    },
    Requirement {
        key: "vendor-oversight",
        paragraph: "106(b)(1)(iii)",
        paragraph_20f: "16K(b)(1)(iii)",
        title: "Oversight of third-party service provider risks",
        concepts: &["CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag"],
        text: r"(?i)\b(?:vendors?|suppliers?|service providers?)\b",
        topics: &["vendor-oversight"],
    },
    Requirement {
        key: "material-effect",
        paragraph: "106(b)(2)",
        paragraph_20f: "16K(b)(2)",
        title: "Whether risks have materially affected the registrant, and how",
        concepts: &[
            "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag",
            "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock",
        ],
        text: r"(?i)\bmaterially (?:affect|affected|impact)\w*",
        topics: &["material-effect"],
    },
    Requirement {
        key: "board",
        paragraph: "106(c)(1)",
        paragraph_20f: "16K(c)(1)",
        title: "Board of directors' oversight",
        concepts: &["CybersecurityRiskBoardOfDirectorsOversightTextBlock"],
        text: r"(?i)\b(?:board of directors|(?:the|our|its) board)\b",
        topics: &["board-oversight"],
    },
    Requirement {
        key: "committee",
        paragraph: "106(c)(1)",
        paragraph_20f: "16K(c)(1)",
        title: "Board committee responsible for oversight",
        concepts: &[
            "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
        ],
        text: FULL_BOARD,
        topics: &["board-committee"],
    },
    Requirement {
        key: "informing-board",
        paragraph: "106(c)(1)",
        paragraph_20f: "16K(c)(1)",
        title: "How the board or committee is informed",
        concepts: &[
            "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
        ],
        text: r"(?i)\b(?:reports?|reporting|briefs?|briefings?|updates?|presents?|presentations?|informs?|informed)\b[^.]{0,160}\b(?:board|committee)\b",
        topics: &["reports-to-board"],
    },
    Requirement {
        key: "positions",
        paragraph: "106(c)(2)(i)",
        paragraph_20f: "16K(c)(2)(i)",
        title: "Management positions or committees responsible",
        concepts: &[
            "CybersecurityRiskRoleOfManagementTextBlock",
            "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag",
            "CybersecurityRiskManagementPositionsOrCommitteesResponsibleTextBlock",
        ],
        text: r"(?i)\b(?:chief information security officer|CISO|chief information officer|CIO|chief security officer|CSO|chief technology officer|CTO)\b",
        topics: &["positions-responsible"],
    },
    Requirement {
        key: "expertise",
        paragraph: "106(c)(2)(i)",
        paragraph_20f: "16K(c)(2)(i)",
        title: "Relevant expertise of those persons",
        concepts: &["CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"],
        text: r"(?i)\b(?:years? of experience|experience in|degree|certif\w*|CISSP|CISM)\b",
        topics: &["expertise"],
    },
    Requirement {
        key: "informing-management",
        paragraph: "106(c)(2)(ii)",
        paragraph_20f: "16K(c)(2)(ii)",
        title: "How management is informed about and monitors incidents",
        concepts: &[
            "CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock",
        ],
        text: r"(?i)\b(?:monitor\w*|escalat\w*|incident response)\b",
        topics: &["management-informed"],
    },
    Requirement {
        key: "reporting-to-board",
        paragraph: "106(c)(2)(iii)",
        paragraph_20f: "16K(c)(2)(iii)",
        title: "Whether they report to the board or a committee",
        concepts: &["CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag"],
        text: r"(?i)\b(?:reports?|reporting|briefs?|updates?|presents?)\b[^.]{0,160}\bto (?:the |our |its )?(?:[\w,]+ ){0,6}(?:board|committee|directors)\b",
        topics: &["reports-to-board"],
    },
];

/// The Item 1.05 requirements (8-K).
pub const INCIDENT: &[Requirement] = &[
    Requirement {
        key: "nature",
        paragraph: "1.05(a)",
        paragraph_20f: "",
        title: "Nature of the incident",
        concepts: &["MaterialCybersecurityIncidentNatureTextBlock"],
        text: NATURE_WORDS,
        topics: &[],
    },
    Requirement {
        key: "scope",
        paragraph: "1.05(a)",
        paragraph_20f: "",
        title: "Scope of the incident",
        concepts: &["MaterialCybersecurityIncidentScopeTextBlock"],
        text: SCOPE_WORDS,
        topics: &[],
    },
    Requirement {
        key: "timing",
        paragraph: "1.05(a)",
        paragraph_20f: "",
        title: "Timing of the incident",
        concepts: &["MaterialCybersecurityIncidentTimingTextBlock"],
        text: TIMING_WORDS,
        topics: &[],
    },
    Requirement {
        key: "impact",
        paragraph: "1.05(a)",
        paragraph_20f: "",
        title: "Material impact or reasonably likely material impact",
        concepts: &[
            "MaterialCybersecurityIncidentMaterialImpactOrReasonablyLikelyMaterialImpactTextBlock",
        ],
        text: r"(?i)\bmaterial(?:ly)? (?:impact|affect)\w*",
        topics: &["incident-materiality", "material-effect"],
    },
];

/// Every row's key (annual and incident rows): what a rule's or pack's `scorecard` names.
pub fn row_keys() -> Vec<&'static str> {
    ANNUAL.iter().chain(INCIDENT).map(|r| r.key).collect()
}
