package slack_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

// found reads an export and returns its findings as "rule file:line:col"
// and the IDs of its tickets.
func found(t *testing.T, fsys fstest.MapFS, c slack.Config) (findings []string, ids []string, tally *ticket.ChatTally) {
	t.Helper()
	seq, tally := slack.ReadFS(fsys, "x", c)
	for tk, err := range seq {
		if err == nil {
			ids = append(ids, tk.ID)
			continue
		}
		var d diag.Diagnostic
		require.ErrorAs(t, err, &d)
		findings = append(findings, d.Rule+" "+d.Pos.String())
	}
	assert.Equal(t, tally.Messages, tally.Sum(), "every message counted once")
	return findings, ids, tally
}

const users = `[{"id": "U0AGENT", "name": "agent", "profile": {"email": "agent@example.com"}}, {"id": "U0ASK", "name": "asker"}]`

func desk(agents ...slack.Agent) slack.Config {
	return slack.Config{Desks: []slack.Desk{{Name: "desk", Channels: []string{"desk"}, Service: "desk", Agents: agents}}}
}

func TestReplyInAnEarlierDayFile(t *testing.T) {
	// The reply is in the day file before its parent's, but later in time
	// than it: it is measured with it, and reported.
	fsys := fstest.MapFS{
		"users.json":    {Data: []byte(users)},
		"channels.json": {Data: []byte(`[{"id": "C0DESK", "name": "desk"}]`)},
		"desk/2026-11-01.json": {Data: []byte(`[
  {"type": "message", "user": "U0AGENT", "text": "on it", "ts": "1793581300.000100", "thread_ts": "1793581200.000100"}
]`)},
		"desk/2026-11-02.json": {Data: []byte(`[
  {"type": "message", "user": "U0ASK", "text": "help", "ts": "1793581200.000100", "thread_ts": "1793581200.000100", "reply_count": 1}
]`)},
	}
	f, ids, tally := found(t, fsys, desk(slack.Agent{ID: "U0AGENT"}))
	assert.Equal(t, []string{"slack/reply-before-parent x/desk/2026-11-01.json:2:3"}, f)
	assert.Equal(t, []string{"desk/1793581200.000100"}, ids)
	assert.Equal(t, 1, tally.Replies)
}

func TestFileFindings(t *testing.T) {
	fsys := fstest.MapFS{
		// users.json is missing: agents by ID are still agents.
		"channels.json":          {Data: []byte(`[{"id": "C0DESK", "name": "desk"}]`)},
		"desk/2026-11-02.json":   {Data: []byte("[\n  {\"type\": \"message\", \"user\": \"U0ASK\", \"text\": \"caf\xe9\", \"ts\": \"1793581200.000100\"}\n]")},
		"desk/2026-11-03.json":   {Data: []byte(`[{"type": "message", "user": "U0ASK", "text": "fine", "ts": "1793581300.000100"}]`)},
		"desk/notes.json":        {Data: []byte(`[]`)},
		"desk/2026-11-04.json":   {Data: []byte("[" + `{"type": "message", "user": "U0ASK", "text": "` + string(make([]byte, 300)) + `", "ts": "1793581400.000100"}` + "]")},
		"desk/2026-11-05.json":   {Data: []byte(`{}`)},
		"other/2026-11-02.json":  {Data: []byte(`not read: not a desk`)},
		"desk/2026-11-06.json":   {Data: []byte(`[]`), Mode: 0o600 | 1<<26}, // a named pipe's mode bit
		"desk/2026-11-07.json/x": {Data: []byte(`[]`)},
	}
	c := desk(slack.Agent{ID: "U0AGENT"}, slack.Agent{Email: "nobody@example.com"})
	c.MaxFileBytes = 250
	c.MaxMessageBytes = 100
	f, ids, tally := found(t, fsys, c)
	assert.ElementsMatch(t, []string{
		"slack/unreadable-file x/users.json",
		"slack/unlinked-agent -",
		"slack/unreadable-file x/desk/notes.json",
		"slack/invalid-utf8 x/desk/2026-11-02.json:2:3",
		"slack/too-large x/desk/2026-11-04.json",
		"slack/not-an-array x/desk/2026-11-05.json:1:1",
		"slack/unreadable-file x/desk/2026-11-06.json",
		"slack/unreadable-file x/desk/2026-11-07.json",
		"slack/unknown-user x/desk/2026-11-02.json:2:3",
	}, f)
	assert.Len(t, ids, 2)
	assert.Equal(t, 2, tally.Inquiries)
}

func TestMessageTooLarge(t *testing.T) {
	fsys := fstest.MapFS{
		"users.json":    {Data: []byte(users)},
		"channels.json": {Data: []byte(`[{"id": "C0DESK", "name": "desk"}]`)},
		"desk/2026-11-02.json": {Data: []byte(`[
  {"type": "message", "user": "U0ASK", "text": "a message far longer than the limit of this reader", "ts": "1793581200.000100"},
  {"type": "message", "user": "U0ASK", "text": "short", "ts": "1793581300.000100"}
]`)},
	}
	c := desk(slack.Agent{ID: "U0AGENT"})
	c.MaxMessageBytes = 100
	f, ids, tally := found(t, fsys, c)
	assert.Equal(t, []string{"slack/too-large x/desk/2026-11-02.json:2:3"}, f)
	assert.Len(t, ids, 1)
	assert.Equal(t, 1, tally.Unreadable)
}

// TestConfigFindings: what the mapping's slack section names that the
// design or the export lacks, each at its place in the mapping.
func TestConfigFindings(t *testing.T) {
	d, err := catalog.Load("testdata/design.yaml")
	require.NoError(t, err)
	m, diags, err := ticket.ParseMapping("bad-mapping.yaml", []byte(`apiVersion: opsdesign/v1
kind: TicketMapping
metadata: {name: bad}
spec:
  slack:
    desks:
      - channels: [dev-consult, dev-consul]
        service: dev-consultation
        agents: [team:dev-desk, person:yamamoto, U0NOBODY]
      - channels: [dev-consult]
        service: dev-consult
        types:
          - {requestType: acess, keywords: [権限]}
`))
	require.NoError(t, err)
	require.Empty(t, diags)
	c, diags, err := slack.NewConfig(m, d)
	require.NoError(t, err)
	var got []string
	for _, f := range diags {
		got = append(got, f.Rule+" "+f.Pos.String()+" "+f.Path)
	}
	assert.Equal(t, []string{
		"ticket/bad-mapping bad-mapping.yaml:8:18 /spec/slack/desks/0/service",
		"ticket/bad-mapping bad-mapping.yaml:9:33 /spec/slack/desks/0/agents/1",
		"ticket/bad-mapping bad-mapping.yaml:10:20 /spec/slack/desks/1/channels/0",
		"ticket/bad-mapping bad-mapping.yaml:13:27 /spec/slack/desks/1/types/0/requestType",
	}, got)

	// Reading the testdata export with it: the misspelt channel and the
	// Slack ID nobody has are reported at the mapping.
	seq, _ := slack.ReadFile("testdata/export", c)
	var read []string
	for _, err := range seq {
		var d diag.Diagnostic
		if err != nil && assert.ErrorAs(t, err, &d) {
			read = append(read, d.Rule+" "+d.Pos.String()+" "+d.Path)
		}
	}
	assert.Equal(t, []string{
		"slack/unlinked-agent bad-mapping.yaml:9:50 /spec/slack/desks/0/agents/2",
		"slack/unknown-channel bad-mapping.yaml:7:33 /spec/slack/desks/0/channels/1",
	}, read)
}

func TestNoSection(t *testing.T) {
	m, _ := ticket.Preset("jira", nil)
	_, _, err := slack.NewConfig(m, nil)
	assert.ErrorIs(t, err, slack.ErrNoSection)
}

// TestWorkflowAndReaction: an intake workflow's fields give the requester,
// the request type and parameters; a resolution reaction an agent added
// resolves an inquiry at its thread's last message, as the agent's
// answer.
func TestWorkflowAndReaction(t *testing.T) {
	fsys := fstest.MapFS{
		"users.json":    {Data: []byte(users)},
		"channels.json": {Data: []byte(`[{"id": "C0DESK", "name": "desk"}]`)},
		"desk/2026-11-02.json": {Data: []byte(`[
  {"type": "message", "subtype": "bot_message", "bot_id": "B0FORM", "username": "intake",
   "text": "*From*\n<@U0ASK>\n*Type*\naccess\n*Member ID*\nM-0042", "ts": "1793581200.000100"},
  {"type": "message", "user": "U0ASK", "text": "my VPN is down", "ts": "1793581300.000100", "thread_ts": "1793581300.000100", "reply_count": 1,
   "reactions": [{"name": "white_check_mark", "users": ["U0AGENT"], "count": 1}]},
  {"type": "message", "user": "U0ASK", "text": "it works again", "ts": "1793581900.000100", "thread_ts": "1793581300.000100"}
]`)},
	}
	c := desk(slack.Agent{ID: "U0AGENT"})
	c.Workflows = []slack.Workflow{{Name: "intake", Requester: "From", RequestType: "Type", Parameters: map[string]string{"Member ID": "memberId"}}}
	c.Resolution.Reactions = []string{"white_check_mark"}
	seq, tally := slack.ReadFS(fsys, "x", c)
	var got []ticket.Ticket
	for tk, err := range seq {
		require.NoError(t, err)
		got = append(got, tk)
	}
	require.Len(t, got, 2)
	assert.Equal(t, 2, tally.Inquiries)
	form, vpn := got[0], got[1]
	if form.Requester != "asker" {
		form, vpn = vpn, form
	}
	assert.Equal(t, "asker", form.Requester)
	assert.Equal(t, "access", form.RequestType)
	assert.Equal(t, map[string]any{"memberId": "M-0042"}, form.Parameters)
	assert.Equal(t, ticket.Open, form.Status())
	assert.Equal(t, ticket.Resolved, vpn.Status())
	last := vpn.History[len(vpn.History)-1]
	assert.Equal(t, ticket.Agent, last.Actor)
	assert.True(t, last.At.Equal(time.Unix(1793581900, 100_000)), last.At)
	assert.Equal(t, "agent", vpn.Assignee)
}
