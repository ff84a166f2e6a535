package slack

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// The IDs of the findings this package reports. They are stable: tests,
// configurations and dashboards may match on them. A mistake in the
// mapping's slack section that the schema cannot catch is reported as
// ticket/bad-mapping, like the rest of a TicketMapping.
const (
	RuleBadJSON           = "slack/bad-json"
	RuleNotAnArray        = "slack/not-an-array"
	RuleBadMessage        = "slack/bad-message"
	RuleBadValue          = "slack/bad-value"
	RuleTooLarge          = "slack/too-large"
	RuleUnreadableFile    = "slack/unreadable-file"
	RuleInvalidUTF8       = "slack/invalid-utf8"
	RuleUnknownUser       = "slack/unknown-user"
	RuleReplyBeforeParent = "slack/reply-before-parent"
	RuleOrphanReply       = "slack/orphan-reply"
	RuleUnknownChannel    = "slack/unknown-channel"
	RuleUnlinkedAgent     = "slack/unlinked-agent"
)

// ruleTable documents every finding; a function, so that no caller can
// change a package-level table.
func ruleTable() []diag.RuleInfo {
	return []diag.RuleInfo{
		{ID: RuleBadJSON, Severity: diag.Error, Doc: "A file of a Slack export that is not valid JSON: a message with a syntax error, a day file cut short, text after the array's end. " +
			"The message is skipped and reading goes on at the next message (the next line indented as the broken one and opening an object); when there is none, as in a truncated file, the rest of the file is lost and the finding says so.\n\n" +
			"\t{\"type\": \"message\", \"user\": \"U0001\", \"ts\": \"1762151400.000100\"   # the file ends here"},
		{ID: RuleNotAnArray, Severity: diag.Error, Doc: "A day file, users.json or channels.json whose JSON is not an array (of messages, users or channels): an object, a string, an empty file. Nothing of the file can be read; it is skipped and the rest of the export is."},
		{ID: RuleBadMessage, Severity: diag.Error, Doc: "A message that cannot be placed: it is not a JSON object, it has no ts (or one that is not a Slack timestamp such as 1762151400.000100), a thread_ts that is not one, no user, or a ts its channel already has (a ts names one message; a day file exported twice under two dates repeats them). It is skipped and counted as unreadable; the rest of the file is read.\n\n\t{\"type\": \"message\", \"user\": \"U0ASK\", \"ts\": \"yesterday 10:00\"}"},
		{ID: RuleBadValue, Severity: diag.Warning, Doc: "A value of a message of the wrong type or form, such as reply_count written as a string or a reaction without a name. The value is ignored and the message read without it, which can change what it measures: a thread whose reply_count is lost is held open until its desk's last day."},
		{ID: RuleTooLarge, Severity: diag.Error, Doc: "A JSON file of the export, or one message, larger than the reader's limit (the mapping's maxFileBytes, 64 MiB, and maxMessageBytes, 1 MiB, by default). It is skipped without being held in memory beyond the limit, so a runaway file cannot exhaust it; the rest of the export is read."},
		{ID: RuleUnreadableFile, Severity: diag.Error, Doc: "A file the export should hold is missing or cannot be read: users.json or channels.json absent, a desk channel's folder or day file that is not a regular file (a FIFO, a device), a .json file in a channel's folder whose name is not a date. A channel channels.json lists without a folder has no messages in the export, which is no finding (the summary counts its day files: none). Without users.json, users are known by ID only and agents named by e-mail or name, and people of the design, cannot be linked."},
		{ID: RuleInvalidUTF8, Severity: diag.Warning, Doc: "A message holds bytes that are not UTF-8. It is read with them replaced by U+FFFD, so its words may not match the mapping's keywords."},
		{ID: RuleUnknownUser, Severity: diag.Warning, Doc: "A message by a user users.json does not list (a user of another workspace of a shared channel, or an export missing users). The user is read as a requester known by ID only, and cannot be an agent unless the mapping names that ID. Reported once per user, at the first message, with how many messages they wrote."},
		{ID: RuleReplyBeforeParent, Severity: diag.Warning, Doc: "A thread reply that comes before its parent: in an earlier day file than the parent's, or with a ts earlier than the parent's. A reply that comes later in time than its parent is measured with it all the same; one earlier than its parent cannot be a reply to it and is not measured (it is counted as an orphan)."},
		{ID: RuleOrphanReply, Severity: diag.Warning, Doc: "Thread replies whose parent is not in the export's desk channels: the parent is older than the export's first day, was deleted without a trace, or the thread holds more replies than its parent says (reply_count). They are not measured and are counted as orphans. Reported once per thread, at its first reply."},
		{ID: RuleUnknownChannel, Severity: diag.Error, Doc: "A desk of the mapping names a channel the export does not have, neither in channels.json (or groups.json) nor as a folder. Nothing is measured for it: correct the name (as the export's folder is named) or the ID, or export that channel.\n\n\tchannels: [dev-consult, dev-consul]   # a typo"},
		{ID: RuleUnlinkedAgent, Severity: diag.Warning, Doc: "An agent of the mapping that is no user of the export: a Person whose e-mail and name match no Slack user, or a Slack ID, e-mail or @name users.json lacks. Their replies, if any, are read as a requester's and never answer an inquiry, so the desk's figures would be worse than its work: give the Person the e-mail Slack knows, or name the Slack user.\n\n\tagents: [person:kato]   # Person kato has no email, and no Slack user is named kato"},
	}
}

// Rules returns the documentation of every finding this package reports,
// in ID order, to list them with the catalog's rules or re-grade them in
// a configuration. The slice is new on every call.
func Rules() []diag.RuleInfo { return diag.SortRules(ruleTable()) }

// severity returns the default severity of one of the package's rules.
func severity(rule string) diag.Severity {
	switch rule {
	case RuleBadValue, RuleInvalidUTF8, RuleUnknownUser, RuleReplyBeforeParent, RuleOrphanReply, RuleUnlinkedAgent:
		return diag.Warning
	}
	return diag.Error
}

// finding makes a diagnostic of one of the package's rules.
func finding(rule string, pos diag.Pos, path, format string, args ...any) diag.Diagnostic {
	return diag.Diagnostic{Rule: rule, Severity: severity(rule), Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)}
}
