package ticket

import (
	"cmp"
	"slices"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// The IDs of the findings this package reports. They are stable: tests,
// configurations and dashboards may match on them.
const (
	RuleBadCSV             = "ticket/bad-csv"
	RuleBadJSON            = "ticket/bad-json"
	RuleMissingColumn      = "ticket/missing-column"
	RuleDuplicateColumn    = "ticket/duplicate-column"
	RuleFieldCount         = "ticket/field-count"
	RuleRowTooLong         = "ticket/row-too-long"
	RuleStreamLimit        = "ticket/stream-limit"
	RuleMissingValue       = "ticket/missing-value"
	RuleBadTime            = "ticket/bad-time"
	RuleAmbiguousTime      = "ticket/ambiguous-time"
	RuleBadValue           = "ticket/bad-value"
	RuleUnknownField       = "ticket/unknown-field"
	RuleDuplicateField     = "ticket/duplicate-field"
	RuleInvalidUTF8        = "ticket/invalid-utf8"
	RuleHistoryOrder       = "ticket/history-order"
	RuleUnknownService     = "ticket/unknown-service"
	RuleUnknownRequestType = "ticket/unknown-request-type"
	RuleUnclassified       = "ticket/unclassified"
	RuleChannelRejected    = "ticket/channel-not-accepted"
	RuleMissingParameter   = "ticket/missing-parameter"
	RuleInvalidParameter   = "ticket/invalid-parameter"
	RuleBadParameterSheet  = "ticket/bad-parameter-sheet"
	RuleNoTarget           = "ticket/no-target"
	RuleMissWithoutReason  = "ticket/miss-without-reason"
	RuleMissNotAnalysed    = "ticket/miss-without-analysis"
	RuleCatchAllGrowing    = "ticket/catch-all-growing"
	RuleRecurringPattern   = "ticket/recurring-pattern"
	RuleUnusedService      = "ticket/unused-service"
	RuleFilingDrop         = "ticket/filing-drop"
	RuleForcedCloseSkew    = "ticket/forced-close-concentration"
	RuleAbsentColumn       = "ticket/absent-column"
	RuleUnmappedValue      = "ticket/unmapped-value"
	RuleBadMapping         = "ticket/bad-mapping"
	RuleTimingMismatch     = "ticket/timing-mismatch"
)

// ruleTable documents every finding. It is a function so that no
// package-level slice can be modified by a caller.
func ruleTable() []diag.RuleInfo {
	return []diag.RuleInfo{
		{ID: RuleBadCSV, Severity: diag.Error, Doc: "A CSV row that is not valid CSV, such as a quote in the middle of an unquoted field. The row is skipped and the rest of the file is imported."},
		{ID: RuleBadJSON, Severity: diag.Error, Doc: "A line of a JSON Lines file that is not a JSON object. The line is skipped and the rest of the file is imported."},
		{ID: RuleMissingColumn, Severity: diag.Error, Doc: "The CSV header has no column for a field every ticket needs (its ID or its creation time) under any name the column mapping allows. Nothing of the file can be imported: fix the mapping or the export.\n\n\tKey,Summary,Status   # no Created column: which mapping was meant?"},
		{ID: RuleDuplicateColumn, Severity: diag.Warning, Doc: "A column the import reads appears twice in the CSV header (names compared without regard to case or surrounding space), or two columns give the same request parameter. The first is read and the later one ignored, which is seldom what the export meant: remove or rename one. Label columns, which Jira repeats, are all read and not reported.\n\n\tid,created,status,Status   # which status?"},
		{ID: RuleFieldCount, Severity: diag.Error, Doc: "A CSV row with more or fewer fields than the header, usually an unquoted comma or a cut line. Its values cannot be matched to columns safely, so the row is skipped."},
		{ID: RuleStreamLimit, Severity: diag.Error, Doc: "A ticket export that is a stream (a FIFO, a pipe, /dev/stdin) goes on past the importer's byte limit (Mapping.MaxStreamBytes; ReadFile reads a stream up to 1 GiB). " +
			"The import stops at the line the limit cuts, so an endless stream cannot run a report forever without a word; the tickets before it are measured. A regular file is read to its end."},
		{ID: RuleRowTooLong, Severity: diag.Error, Doc: "A row or line longer than the importer's byte limit (Mapping.MaxRowBytes, 1 MiB by default), a row whose quoted field runs over several lines counting them all. It is skipped without being held in memory, so one runaway field cannot exhaust it; the rest of the file is imported."},
		{ID: RuleMissingValue, Severity: diag.Error, Doc: "A row whose ID or creation time is empty. Without them a ticket cannot be told apart or measured, so the row is skipped."},
		{ID: RuleBadTime, Severity: diag.Error, Doc: "A timestamp that cannot be read. For the creation time the row is skipped; for any other time the value is ignored and the ticket imported.\n\n\tMSP-1,2026-13-01T09:00:00+09:00   # month 13"},
		{ID: RuleAmbiguousTime, Severity: diag.Error, Doc: "A timestamp without a UTC offset while the import names no time zone. Business-time clocks depend on the zone, so opsdesign never guesses one: write the offset, or give the mapping the zone the tracker exported in.\n\n\tMSP-1,2026-06-01 09:00   # 09:00 where?"},
		{ID: RuleBadValue, Severity: diag.Error, Doc: "A value the importer cannot read: a malformed number, duration, count or parameters object, or a history entry with an unknown status or actor. The value is ignored and the rest of the ticket is imported."},
		{ID: RuleUnmappedValue, Severity: diag.Warning, Doc: "A status, priority or channel the mapping does not know (nor opsdesign, for statuses and channels). An unknown status or channel is ignored, an unmapped priority kept as written, so objectives may give the ticket no target: add the value to the mapping's statuses (waiting pauses the clocks), severities or channels.\n\n\tstatuses: {Awaiting approval: waiting}   # the tracker's custom status, and what it means"},
		{ID: RuleAbsentColumn, Severity: diag.Info, Doc: "A column the mapping names is not in the header: no ticket gets that field (a service, a first response, a reason for misses, ...). Reported once, at the header, with the place in the mapping that names the column. Remove the entry from your mapping, or export the column.\n\n\tcolumns: {firstResponse: [Custom field ([CHART] Date of First Response)]}   # not in this export"},
		{ID: RuleBadMapping, Severity: diag.Error, Doc: "A TicketMapping document states something that cannot be used, beyond what its schema checks: an unknown time zone, a time layout without a year, month, day or hour, a custom-field pattern without {name}, minutes in a status the mapping does not map, a delimiter that is not one character, a second mapping in one file. Reported at the line in the mapping.\n\n\ttime: {zone: Asia/Tokio}   # not an IANA zone"},
		{ID: RuleTimingMismatch, Severity: diag.Warning, Doc: "The tracker's duration columns (Zendesk's minutes pending or on hold) do not fit the ticket's own times: more waiting than lies between its status changes, or no status change to end the wait at. The pause is cut to what fits, or not counted; the ticket's times or the export are suspect."},
		{ID: RuleUnknownField, Severity: diag.Warning, Doc: "A key of a JSON Lines ticket that opsdesign does not read: usually a typo, which would leave the intended field unset."},
		{ID: RuleDuplicateField, Severity: diag.Warning, Doc: "A key that appears twice in one JSON Lines ticket, or two spellings of one field (\"id\" and \"ID\"). The first value is kept and the later ones are ignored, so an export that appends a corrected value still imports the stale one: fix the export.\n\n\t{\"id\": \"MSP-1\", \"created\": \"2026-06-01T09:00:00+09:00\", \"id\": \"MSP-2\"}   # MSP-1 is imported"},
		{ID: RuleInvalidUTF8, Severity: diag.Warning, Doc: "A value the importer reads holds bytes that are not UTF-8, most often an export saved in another encoding such as Shift_JIS. The ticket is still imported, with the bad bytes replaced by U+FFFD (the replacement character) so that reports and search stay valid, but its text is damaged: export in UTF-8."},
		{ID: RuleHistoryOrder, Severity: diag.Warning, Doc: "A ticket whose history is not in time order, or starts before the ticket was created. The history is sorted (an entry before the creation counts from the creation), but the export is suspect."},
		{ID: RuleUnknownService, Severity: diag.Warning, Doc: "A ticket names a service the catalog does not have. Work that is not in the catalog is invisible and cannot be priced: add the service, or correct the ticket."},
		{ID: RuleUnknownRequestType, Severity: diag.Warning, Doc: "A ticket names a request type its service does not define. It is counted under the service's catch-all type when there is one."},
		{ID: RuleUnclassified, Severity: diag.Info, Doc: "A ticket that names no service or request type and that no single catch-all \"other\" type can take. It is counted as other in the inventory."},
		{ID: RuleChannelRejected, Severity: diag.Warning, Doc: "A ticket arrived by a channel its request type does not accept, such as a card reissue asked for by phone when only the form and chat are designed. Either the design misses a channel people use, or requests bypass the designed route.\n\n\tchannels: [form, chat]   # the ticket came by phone"},
		{ID: RuleMissingParameter, Severity: diag.Warning, Doc: "A ticket lacks a parameter its request type's parameter sheet requires, typically a chat request that was never completed. It cannot drive automation and someone will have to ask again.\n\n\trequired: [memberId, reason]   # the ticket has no reason"},
		{ID: RuleInvalidParameter, Severity: diag.Warning, Doc: "A ticket's parameter breaks its request type's parameter sheet: a wrong type, a value outside the allowed set, a pattern not matched."},
		{ID: RuleBadParameterSheet, Severity: diag.Error, Doc: "A request type's parameter sheet is not a valid JSON Schema, so tickets of that type cannot be checked. Reported once, at the sheet in the design."},
		{ID: RuleNoTarget, Severity: diag.Warning, Doc: "A ticket held to an objective that gives it no target: no rule of the objective matches its severity or category. It is counted as unmatched, not as met."},
		{ID: RuleMissWithoutReason, Severity: diag.Warning, Doc: "A ticket that missed its service level with no reason recorded. Every miss needs the responder's reason category, or it cannot be analysed and the same delay comes back."},
		{ID: RuleMissNotAnalysed, Severity: diag.Warning, Doc: "A missed ticket whose reason is recorded but that has no analysis: neither an improvement request to the team that owns the service's design, nor a conclusion that no fix is needed."},
		{ID: RuleCatchAllGrowing, Severity: diag.Warning, Doc: "The share of tickets in the catch-all \"other\" category grows from period to period. \"Other\" should shrink as routine requests are carved out into their own types; see the recurring patterns the inventory proposes."},
		{ID: RuleRecurringPattern, Severity: diag.Info, Doc: "Tickets in \"other\" that share the same words often enough to become a request type of their own, with its owner, parameter sheet and procedure."},
		{ID: RuleUnusedService, Severity: diag.Info, Doc: "An active service that has had no ticket for longer than the inventory's threshold. A service nobody uses should be retired deliberately, with its lifecycle's retire event, not left running."},
		{ID: RuleFilingDrop, Severity: diag.Warning, Doc: "Fewer tickets were filed in the weeks after a forced-close run than before it. Too harsh a clean-up teaches people not to file tickets at all; soften the policy or explain it."},
		{ID: RuleForcedCloseSkew, Severity: diag.Warning, Doc: "One person holds most of the forced closes. Forced closes are counted per person so that a pile-up is seen and talked about, not hidden."},
	}
}

// Rules returns the documentation of every finding this package reports,
// in ID order. They are reported by the importers, the Classifier and the
// reports, not by a catalog.Linter, so their Run is nil; list them with
// the catalog's rules to document them, re-grade them in a
// catalog.Config, or give them to report.WriteRules. The slice is new on
// every call.
func Rules() []diag.RuleInfo {
	rules := ruleTable()
	slices.SortFunc(rules, func(a, b diag.RuleInfo) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

// severityOf returns the default severity of one of this package's rules.
func severityOf(id string) diag.Severity {
	switch id {
	case RuleUnclassified, RuleRecurringPattern, RuleUnusedService, RuleAbsentColumn:
		return diag.Info
	case RuleUnmappedValue, RuleTimingMismatch, RuleUnknownField, RuleDuplicateField, RuleDuplicateColumn, RuleInvalidUTF8, RuleHistoryOrder, RuleUnknownService, RuleUnknownRequestType, RuleChannelRejected,
		RuleMissingParameter, RuleInvalidParameter, RuleNoTarget, RuleMissWithoutReason, RuleMissNotAnalysed,
		RuleCatchAllGrowing, RuleFilingDrop, RuleForcedCloseSkew:
		return diag.Warning
	}
	return diag.Error
}
