// Package slack measures a Slack channel used as an inquiry desk like a
// ticket queue: it reads a Slack workspace export and yields each inquiry
// as a ticket.Ticket, so that the review (same-day answers, first
// response and resolution on the design's business calendar, misses),
// the inventory, the stale policy and the due list of package ticket run
// on a chat desk unchanged.
//
// # The export
//
// ReadFile reads an export as Slack documents it ("How to read Slack data
// exports"), a directory or the ZIP file as downloaded (ReadFS reads one
// from any fs.FS): users.json (the workspace's members), channels.json
// (public channels; groups.json, private ones, when the export has it),
// and one folder per channel named as the channel, holding one JSON file
// per day (2026-11-02.json), each an array of messages. A message has a
// ts (its Slack timestamp, which also names it in its channel), a
// thread_ts when it belongs to a thread (equal to ts on the thread's
// parent), a user or, for a bot, a bot_id and the subtype bot_message,
// reactions, edited for an edit, reply_count on a thread's parent, and a
// subtype for everything that is not a person's message (channel_join,
// channel_topic, tombstone for a deleted parent whose thread remains).
// Only the desks' channels are read, one day file at a time, the desk's
// channels interleaved by day; memory holds the users, the channels and
// the inquiries still open, not the export.
//
// # Definitions
//
// A Config (NewConfig reads it from the slack section of a TicketMapping)
// names the desks: each a set of channels, the service their inquiries
// are for, and its agents, the people who answer there. Being an agent is
// per desk.
//
// Inquiry. A top-level message of a desk's channel (no thread_ts, or a
// thread_ts equal to its ts) written by a person who is not an agent of
// that desk is an inquiry; so is a message an intake workflow of the
// Config posts there, filed by the person its form names. The ticket's ID
// is "<channel>/<ts>", its Created the message's ts, its Requester the
// author, its Channel chat, its Service, Severity and Customer the desk's,
// its Link the message's permalink when the Config names the workspace
// (https://<workspace>.slack.com/archives/<channel ID>/p<ts without the
// dot>). An edit does not move an inquiry's time.
//
// Request type. The first of the desk's TypeRules whose keywords the
// message holds (without regard to case) or whose reactions it carries;
// for a workflow's message, the form field the workflow names. An inquiry
// none matches goes to the service's catch-all type.
//
// Answer. A reply in the inquiry's thread by an agent of the desk who is
// not the inquiry's requester is an agent's activity, so the first one is
// the first response (ticket's definitions: "Answer"); so is a top-level
// message of an agent that links to the inquiry by its permalink (a
// channel reply referencing it). Replies of the requester, of other
// people and of bots are recorded as the requester's or a bot's activity
// and never answer. A user who is both a requester and an agent is
// therefore an agent only at the desks that name them: their top-level
// messages at their own desk are no inquiries (counted as agent posts),
// at another desk they are inquiries like anyone's, and nobody answers
// their own inquiry. The assignee is the first agent who answered (their
// Person's name when the agent is linked to the design).
//
// Resolution. The inquiry is resolved at the first of: a reply in its
// thread, by anyone but a bot, that holds one of the resolution keywords
// (at the reply's time, or at its edit's when it was edited); a message of
// a resolution workflow in its thread (a bot's activity); a resolution
// reaction on the inquiry's message, which Slack records without a time,
// so it counts at the thread's last message (the inquiry's own time when
// it has no replies) and is the activity of an agent when an agent of the
// desk other than the requester added it, else the requester's. An
// inquiry with none of these is open. Miss notes are the lines of agents'
// replies that start with the Config's MissNotes prefixes.
//
// Everything else is counted, never dropped: ticket.ChatTally counts
// every message read in exactly one of inquiries, replies in their
// threads, channel answers, agents' other posts, bot messages (a bot's
// reply in a thread included), joins and leaves, channel notices (every
// other subtype), deleted messages (a tombstone and the replies of its
// thread), orphan replies (whose parent is not in the export, came after
// them, or whose thread was already complete by its reply_count), and
// messages that could not be read. Replies under an agent's post or a bot's
// message are counted with their parent.
//
// # Findings
//
// A message that cannot be read is a finding at its file inside the
// export, line and character column (rules slack/...), and the rest of the
// file is read; a file that cannot be read is a finding and the rest of the
// export is read. Rules documents them all. Unreadable messages are
// yielded as *ticket.SkippedRow, other findings as diag.Diagnostic, in
// the ticket stream, as package ticket's readers do.
package slack
